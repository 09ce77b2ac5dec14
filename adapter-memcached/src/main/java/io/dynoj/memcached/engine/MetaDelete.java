package io.dynoj.memcached.engine;

import io.netty.buffer.ByteBuf;

/**
 * {@code md <key> <flags>*}, as memcached 1.6.18: {@code HD} (not sent with q), {@code NF}, or
 * {@code EX} when C's cas does not match, followed by the O and k flags. With I the item is not
 * deleted but marked stale, given a new cas (and T's TTL), so that the next mg wins the recache.
 * Refused flags get memcached's one message for md, {@code CLIENT_ERROR invalid or duplicate flag}.
 */
final class MetaDelete {

    private MetaDelete() {
    }

    static ByteBuf run(Call c) {
        CommandLine line = c.line();
        MetaFlags f = MetaFlags.parse(line, 2, c.exptimeBase());
        if (f.error != null) {
            return c.line("CLIENT_ERROR invalid or duplicate flag");
        }
        if (MetaFlags.hasLongOpaque(line, 2)) {
            return c.line(Replies.OPAQUE_TOO_LONG);
        }
        Items items = c.items();
        Item item = items.get(c.key());
        String code;
        if (item == null) {
            code = "NF";
        } else if (f.hasCas && item.cas() != f.reqCas) {
            code = "EX";
        } else {
            if (f.setStale) {
                long expireAt = f.newTtl ? f.expireAt : item.expireAt();
                int state = (item.state() | Item.STALE) & ~Item.TOKEN_SENT;
                items.put(c.key(), item.with(expireAt, items.nextCas(), state));
            } else {
                items.delete(c.key());
            }
            if (f.quiet) {
                return Replies.none();
            }
            code = "HD";
        }
        ByteBuf out = c.alloc().buffer();
        Replies.ascii(out, code);
        MetaFlags.writeReturned(c, 2, out, null); // no long opaque: checked above
        return Replies.crlf(out);
    }
}
