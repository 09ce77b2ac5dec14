package io.dynoj.memcached.engine;

import io.dynoj.core.storage.KeyLocks;
import io.dynoj.memcached.protocol.MemcachedCommand;
import io.dynoj.memcached.protocol.MemcachedRequest;
import io.netty.buffer.ByteBuf;

/**
 * get, gets, gat, gats over any number of keys: {@code VALUE <key> <flags> <bytes> [<cas>]} and the
 * data for each live item, in the client's order (a key asked twice comes twice), then {@code END}.
 * Each key is read (and for gat/gats touched) under its own lock; like memcached's, a multi-key get is
 * not a snapshot across keys.
 */
final class RetrievalCommands {

    private RetrievalCommands() {
    }

    static ByteBuf run(Call c, KeyLocks locks) {
        MemcachedRequest r = c.request();
        MemcachedCommand command = r.commandType();
        boolean touch = command == MemcachedCommand.GAT || command == MemcachedCommand.GATS;
        boolean withCas = command == MemcachedCommand.GETS || command == MemcachedCommand.GATS;
        long expireAt = touch ? Exptime.expireAt(c.line().number(1), c.exptimeBase()) : 0;
        ByteBuf out = c.alloc().buffer();
        try {
            for (int i = 0; i < r.keyCount(); i++) {
                ByteBuf key = r.key(i);
                Item item = read(c, locks, Items.storeKey(key), touch, expireAt);
                if (item != null) {
                    Replies.ascii(out, "VALUE ");
                    out.writeBytes(key, key.readerIndex(), key.readableBytes());
                    out.writeByte(' ');
                    Replies.ascii(out, Integer.toUnsignedString(item.flags()));
                    out.writeByte(' ');
                    Replies.ascii(out, Integer.toString(item.dataLength()));
                    if (withCas) {
                        out.writeByte(' ');
                        Replies.unsigned(out, item.cas());
                    }
                    Replies.crlf(out);
                    item.writeData(out);
                    Replies.crlf(out);
                }
            }
            return Replies.crlf(Replies.ascii(out, "END"));
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private static Item read(Call c, KeyLocks locks, byte[] key, boolean touch, long expireAt) {
        Items items = c.items();
        int stripe = locks.stripe(key);
        locks.lock(stripe);
        try {
            Item item = items.get(key);
            // A replayed gat touches only the keys that hold no newer write.
            if (item != null && touch && !c.superseded(key)) {
                // gat returns the item it touched, even when the new exptime expires it at once.
                item = item.withExpireAt(expireAt);
                items.put(key, item);
            }
            return item;
        } finally {
            locks.unlock(stripe);
        }
    }
}
