package io.dynoj.memcached.engine;

import io.netty.buffer.ByteBuf;

/**
 * {@code mg <key> <flags>*}, as memcached 1.6.18: {@code VA <size> <flags>} and the value (v), or
 * {@code HD <flags>}, or {@code EN} on a miss (not sent with q; a hit is). Returned flags in the
 * order asked: s (size), t (seconds left, -1 for never), c (cas), f (client flags), O (opaque), k (key);
 * then Z (a win token was already sent), X (stale), W (this client won). Changing flags: T (new TTL),
 * N (create an empty item on a miss, with this TTL, and win), R (win if fewer seconds are left than
 * this). u, P and L are accepted and change nothing. h and l (fetched before, seconds since last
 * access) need an access record per read, which Dynoj does not keep: refused with a CLIENT_ERROR.
 */
final class MetaGet {

    private MetaGet() {
    }

    static ByteBuf run(Call c) {
        CommandLine line = c.line();
        long now = c.now();
        MetaFlags f = MetaFlags.parse(line, 2, now);
        if (f.error != null) {
            return c.line(f.error);
        }
        if (f.unsupported != 0) {
            return c.line("CLIENT_ERROR the mg flag " + f.unsupported + " is not supported by Dynoj");
        }
        Item item = c.items().get(c.key());
        boolean created = false;
        if (item == null && f.vivify) {
            item = Item.of(0, 0, c.items().nextCas(), 0, new byte[0]);
            created = true;
        }
        if (item == null) {
            return miss(c, f);
        }
        ByteBuf out = c.alloc().buffer();
        long expireAt = item.expireAt();
        int state = item.state();
        boolean won = false;
        String error = null;
        if (f.value) {
            Replies.ascii(out, "VA " + item.dataLength());
        } else {
            Replies.ascii(out, "HD");
        }
        for (int w = 2; w < line.count() && error == null; w++) {
            switch (line.first(w)) {
                case 'T' -> expireAt = f.expireAt;
                case 'N' -> {
                    if (created) {
                        expireAt = f.autovivExpireAt;
                        won = true;
                    }
                }
                case 'R' -> won |= (state & Item.TOKEN_SENT) == 0 && !created && expireAt != 0
                        && Exptime.secondsLeft(expireAt, now) < Exptime.secondsLeft(f.recacheAt, now);
                case 's' -> Replies.ascii(Replies.flag(out, 's'), Integer.toString(item.dataLength()));
                case 't' -> Replies.ascii(Replies.flag(out, 't'), Long.toString(Exptime.secondsLeft(expireAt, now)));
                case 'c' -> Replies.unsigned(Replies.flag(out, 'c'), item.cas());
                case 'f' -> Replies.ascii(Replies.flag(out, 'f'), Integer.toUnsignedString(item.flags()));
                case 'O' -> {
                    if (MetaFlags.opaqueTooLong(line, w)) {
                        error = Replies.OPAQUE_TOO_LONG;
                    } else {
                        out.writeByte(' ');
                        line.write(out, w);
                    }
                }
                case 'k' -> Items.writeKey(Replies.flag(out, 'k'), c.key());
                default -> { }
            }
        }
        if (error == null) {
            if ((state & Item.TOKEN_SENT) != 0) {
                Replies.flag(out, 'Z');
            }
            if ((state & Item.STALE) != 0) {
                Replies.flag(out, 'X');
                won |= (state & Item.TOKEN_SENT) == 0; // the first to see a stale item recaches it
            }
            if (won) {
                Replies.flag(out, 'W');
                state |= Item.TOKEN_SENT;
            }
        }
        // Like memcached, changes made before an error (a created item, a new TTL) stay.
        if (created || expireAt != item.expireAt() || state != item.state()) {
            c.items().put(c.key(), item.with(expireAt, item.cas(), state));
        }
        if (error != null) {
            out.release();
            return c.line(error);
        }
        Replies.crlf(out);
        if (f.value) {
            item.writeData(out);
            Replies.crlf(out);
        }
        return out;
    }

    /** {@code EN} with the O and k flags echoed; nothing in quiet mode. */
    private static ByteBuf miss(Call c, MetaFlags f) {
        CommandLine line = c.line();
        ByteBuf out = c.alloc().buffer();
        Replies.ascii(out, "EN");
        for (int w = 2; w < line.count(); w++) {
            if (MetaFlags.opaqueTooLong(line, w)) {
                out.release();
                return c.line(Replies.OPAQUE_TOO_LONG);
            }
            if (line.first(w) == 'O') {
                out.writeByte(' ');
                line.write(out, w);
            } else if (line.first(w) == 'k') {
                Items.writeKey(Replies.flag(out, 'k'), c.key());
            }
        }
        if (f.quiet) {
            out.release();
            return Replies.none();
        }
        return Replies.crlf(out);
    }
}
