package io.dynoj.memcached.engine;

import io.netty.buffer.ByteBuf;

/**
 * {@code ms <key> <datalen> <flags>*} and a data block, as memcached 1.6.18: {@code HD} (not sent
 * with q), {@code NS}, {@code EX} or {@code NF}, followed by the O, k and c (the new cas; 0 when not
 * stored) flags in the order asked. F sets the client flags, T the TTL, C compares the cas (and makes
 * set and replace a cas), I with C stores a value whose cas is older as a stale one, and MS, ME (add),
 * MA (append), MP (prepend), MR (replace) pick the mode. The other flags memcached knows are accepted
 * and change nothing, as there.
 */
final class MetaSet {

    private MetaSet() {
    }

    static ByteBuf run(Call c) {
        CommandLine line = c.line();
        MetaFlags f = MetaFlags.parse(line, 3, c.exptimeBase());
        if (f.error != null) {
            return c.line(f.error);
        }
        StoreMode mode;
        switch (f.mode) {
            case 0, 'S' -> mode = StoreMode.SET;
            case 'E' -> mode = StoreMode.ADD;
            case 'A' -> mode = StoreMode.APPEND;
            case 'P' -> mode = StoreMode.PREPEND;
            case 'R' -> mode = StoreMode.REPLACE;
            default -> {
                return c.line("CLIENT_ERROR invalid mode for ms M token");
            }
        }
        if (MetaFlags.hasLongOpaque(line, 3)) {
            return c.line(Replies.OPAQUE_TOO_LONG);
        }
        // A cas turns set and replace into cas; add ignores it; append and prepend check it.
        if (f.hasCas && (mode == StoreMode.SET || mode == StoreMode.REPLACE)) {
            mode = StoreMode.CAS;
        }
        ItemWriter.Result result = ItemWriter.store(c.items(), c.key(), mode, f.clientFlags, f.expireAt,
                f.reqCas, f.setStale && mode == StoreMode.CAS, c.request().data());
        if (result.outcome() == ItemWriter.Outcome.STORED && f.quiet) {
            return Replies.none();
        }
        ByteBuf out = c.alloc().buffer();
        Replies.ascii(out, switch (result.outcome()) {
            case STORED -> "HD";
            case NOT_STORED -> "NS";
            case EXISTS -> "EX";
            case NOT_FOUND -> "NF";
        });
        MetaFlags.writeReturned(c, 3, out, (flag, o) -> {
            if (flag == 'c') {
                Replies.unsigned(Replies.flag(o, 'c'), result.cas());
            }
        }); // no long opaque: checked above
        return Replies.crlf(out);
    }
}
