package io.dynoj.memcached.engine;

import io.netty.buffer.ByteBuf;

/**
 * {@code me <key> [w]}, memcached 1.6.18's meta debug: {@code ME <key> exp=<seconds left, -1 for never> la=<seconds
 * since last access> cas=<cas> fetch=<yes|no> cls=<slab class> size=<bytes>}, or {@code EN} when absent. The
 * engine keeps no access record nor slabs: it answers {@code la=0 fetch=no cls=1}, and the key's and data's
 * length for the size. Dynoj's own flag {@code w} (memcached ignores flags it does not know) adds
 * {@code wt=<write time>}, the {@link io.dynoj.core.time.HybridClock} timestamp of the key's last write, its
 * delete included: {@code EN wt=<t>} for a tombstone. Read repair asks each replica for it when their answers
 * differ, and the newest write wins ({@code MemcachedKeyCopy.writeTimeRead}); a memcached server answers
 * without it. The key's lock is held.
 */
final class MetaDebug {

    private MetaDebug() {
    }

    static ByteBuf run(Call c) {
        CommandLine line = c.line();
        boolean withTime = false;
        for (int w = 2; w < line.count(); w++) {
            withTime |= line.is(w, "w");
        }
        Items items = c.items();
        long writeTime = withTime ? items.writeTimeOf(c.key()) : 0;
        Item item = items.get(c.key());
        ByteBuf out = c.alloc().buffer();
        if (item == null) {
            Replies.ascii(out, "EN");
        } else {
            Replies.ascii(out, "ME ");
            line.write(out, 1);
            Replies.ascii(out, " exp=" + Exptime.secondsLeft(item.expireAt(), c.now()) + " la=0 cas=");
            Replies.unsigned(out, item.cas());
            Replies.ascii(out, " fetch=no cls=1 size=" + (line.length(1) + item.dataLength()));
        }
        if (withTime && writeTime != 0) {
            Replies.ascii(out, " wt=" + writeTime);
        }
        return Replies.crlf(out);
    }
}
