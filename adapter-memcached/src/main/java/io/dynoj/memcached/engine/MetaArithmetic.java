package io.dynoj.memcached.engine;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * {@code ma <key> <flags>*}, as memcached 1.6.18: incr (or with MD / M-, decr) by D (default 1);
 * {@code HD}, or {@code VA <len>} and the number with v; {@code NF} on a miss unless N creates the
 * item from J (default 0) with N's TTL; {@code EX} when C's cas does not match. Returned flags: c, t,
 * O, k; T sets the TTL. q suppresses only the answer to a change of an existing item. As in
 * memcached, T does not stick when the number grew longer (a new item replaced the old one, and
 * memcached sets T on the old one), and an overlong opaque is reported after the change was made.
 * One object per changed item: the flags, read in order, change the TTL as they go.
 */
final class MetaArithmetic {

    private final Call c;
    private final MetaFlags f;
    private final Item item;
    private final boolean created;
    private final long now;
    private long expireAt;

    private MetaArithmetic(Call c, MetaFlags f, Item item, boolean created) {
        this.c = c;
        this.f = f;
        this.item = item;
        this.created = created;
        this.now = c.now();
        this.expireAt = item.expireAt();
    }

    static ByteBuf run(Call c) {
        MetaFlags f = MetaFlags.parse(c.line(), 2, c.exptimeBase());
        if (f.error != null) {
            return c.line("CLIENT_ERROR invalid or duplicate flag");
        }
        boolean incr;
        switch (f.mode) {
            case 0, 'I', '+' -> incr = true;
            case 'D', '-' -> incr = false;
            default -> {
                return c.line("CLIENT_ERROR invalid mode for ma M token");
            }
        }
        Items items = c.items();
        Delta.Result result = Delta.apply(items, c.key(), incr, f.delta, f.reqCas);
        switch (result.status()) {
            case OK -> {
                return new MetaArithmetic(c, f, result.item(), false).changed(result.number(), result.inPlace());
            }
            case NON_NUMERIC -> {
                return c.line(Replies.NON_NUMERIC);
            }
            case NOT_FOUND -> {
                if (f.vivify) {
                    String number = Long.toUnsignedString(f.initial);
                    Item item = Item.of(0, 0, items.nextCas(), 0, number.getBytes(StandardCharsets.US_ASCII));
                    items.put(c.key(), item);
                    return new MetaArithmetic(c, f, item, true).changed(number, true);
                }
            }
            default -> { }
        }
        ByteBuf out = Replies.ascii(c.alloc().buffer(), result.status() == Delta.Status.CAS_MISMATCH ? "EX" : "NF");
        if (!MetaFlags.writeReturned(c, 2, out, null)) {
            out.release();
            return c.line(Replies.OPAQUE_TOO_LONG);
        }
        return Replies.crlf(out);
    }

    /** The answer once the item holds {@code number}; {@code sticks}: a T changes this item. */
    private ByteBuf changed(String number, boolean sticks) {
        ByteBuf out = Replies.ascii(c.alloc().buffer(), f.value ? "VA " + number.length() : "HD");
        boolean complete = MetaFlags.writeReturned(c, 2, out, this::flag);
        if (sticks && expireAt != item.expireAt()) {
            c.items().put(c.key(), item.withExpireAt(expireAt));
        }
        if (!complete) {
            out.release();
            return c.line(Replies.OPAQUE_TOO_LONG);
        }
        if (f.quiet && !created) {
            out.release();
            return Replies.none();
        }
        if (f.value) {
            Replies.ascii(Replies.crlf(out), number);
        }
        return Replies.crlf(out);
    }

    /** The flags other than O and k, in the order given. */
    private void flag(int flag, ByteBuf out) {
        switch (flag) {
            case 'c' -> Replies.unsigned(Replies.flag(out, 'c'), item.cas());
            case 't' -> Replies.ascii(Replies.flag(out, 't'), Long.toString(Exptime.secondsLeft(expireAt, now)));
            case 'T' -> expireAt = f.expireAt;
            case 'N' -> expireAt = created ? f.autovivExpireAt : expireAt;
            default -> { }
        }
    }
}
