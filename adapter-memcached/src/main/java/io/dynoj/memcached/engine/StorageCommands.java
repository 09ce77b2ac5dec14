package io.dynoj.memcached.engine;

import io.netty.buffer.ByteBuf;

/**
 * set, add, replace, append, prepend, cas: {@code <cmd> <key> <flags> <exptime> <bytes> [<cas>]
 * [noreply]} and a data block, answered STORED, NOT_STORED, EXISTS or NOT_FOUND. append and prepend
 * keep the item's flags and exptime. A noreply request is answered too; the node drops the answer.
 */
final class StorageCommands {

    private StorageCommands() {
    }

    static ByteBuf run(Call c) {
        CommandLine line = c.line();
        StoreMode mode = switch (c.request().commandType()) {
            case SET -> StoreMode.SET;
            case ADD -> StoreMode.ADD;
            case REPLACE -> StoreMode.REPLACE;
            case APPEND -> StoreMode.APPEND;
            case PREPEND -> StoreMode.PREPEND;
            case CAS -> StoreMode.CAS;
            default -> throw new IllegalArgumentException(c.request().command());
        };
        int flags = (int) line.number(2);
        long expireAt = Exptime.expireAt(line.number(3), c.exptimeBase());
        long reqCas = mode == StoreMode.CAS ? line.unsignedNumber(5) : 0;
        ItemWriter.Result result = ItemWriter.store(c.items(), c.key(), mode, flags, expireAt, reqCas, false,
                c.request().data());
        return c.line(switch (result.outcome()) {
            case STORED -> Replies.STORED;
            case NOT_STORED -> Replies.NOT_STORED;
            case EXISTS -> Replies.EXISTS;
            case NOT_FOUND -> Replies.NOT_FOUND;
        });
    }
}
