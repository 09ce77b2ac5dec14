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
 * One object per hit: the flags, read in order, change the TTL and the win as they go.
 */
final class MetaGet {

    private final Call c;
    private final MetaFlags f;
    private final long now;
    private final Item item;
    private final boolean created;
    private long expireAt;
    private boolean won;

    private MetaGet(Call c, MetaFlags f, long now, Item item, boolean created) {
        this.c = c;
        this.f = f;
        this.now = now;
        this.item = item;
        this.created = created;
        this.expireAt = item.expireAt();
    }

    static ByteBuf run(Call c) {
        long now = c.now();
        MetaFlags f = MetaFlags.parse(c.line(), 2, c.exptimeBase());
        if (f.error != null) {
            return c.line(f.error);
        }
        if (f.unsupported != 0) {
            return c.line("CLIENT_ERROR the mg flag " + f.unsupported + " is not supported by Dynoj");
        }
        Item item = c.items().get(c.key());
        if (item != null) {
            return new MetaGet(c, f, now, item, false).hit();
        }
        if (f.vivify) {
            return new MetaGet(c, f, now, Item.of(0, 0, c.items().nextCas(), 0, new byte[0]), true).hit();
        }
        return miss(c, f);
    }

    private ByteBuf hit() {
        ByteBuf out = c.alloc().buffer();
        Replies.ascii(out, f.value ? "VA " + item.dataLength() : "HD");
        boolean complete = MetaFlags.writeReturned(c, 2, out, this::flag);
        int state = item.state();
        if (complete) {
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
        if (created || expireAt != item.expireAt()) {
            c.items().put(c.key(), item.with(expireAt, item.cas(), state));
        } else if (state != item.state()) {
            // Only the lease bits changed: this node's own record, no write of the item (no new write time).
            c.items().putKeepingWriteTime(c.key(), item.with(expireAt, item.cas(), state));
        }
        if (!complete) {
            out.release();
            return c.line(Replies.OPAQUE_TOO_LONG);
        }
        Replies.crlf(out);
        if (f.value) {
            item.writeData(out);
            Replies.crlf(out);
        }
        return out;
    }

    /** The flags other than O and k, in the order given. */
    private void flag(int flag, ByteBuf out) {
        switch (flag) {
            case 'T' -> expireAt = f.expireAt;
            case 'N' -> {
                if (created) {
                    expireAt = f.autovivExpireAt;
                    won = true;
                }
            }
            case 'R' -> won |= (item.state() & Item.TOKEN_SENT) == 0 && !created && expireAt != 0
                    && Exptime.secondsLeft(expireAt, now) < Exptime.secondsLeft(f.recacheAt, now);
            case 's' -> Replies.ascii(Replies.flag(out, 's'), Integer.toString(item.dataLength()));
            case 't' -> Replies.ascii(Replies.flag(out, 't'), Long.toString(Exptime.secondsLeft(expireAt, now)));
            case 'c' -> Replies.unsigned(Replies.flag(out, 'c'), item.cas());
            case 'f' -> Replies.ascii(Replies.flag(out, 'f'), Integer.toUnsignedString(item.flags()));
            default -> { }
        }
    }

    /** {@code EN} with the O and k flags echoed; nothing in quiet mode. */
    private static ByteBuf miss(Call c, MetaFlags f) {
        ByteBuf out = Replies.ascii(c.alloc().buffer(), "EN");
        if (!MetaFlags.writeReturned(c, 2, out, null)) {
            out.release();
            return c.line(Replies.OPAQUE_TOO_LONG);
        }
        if (f.quiet) {
            out.release();
            return Replies.none();
        }
        return Replies.crlf(out);
    }
}
