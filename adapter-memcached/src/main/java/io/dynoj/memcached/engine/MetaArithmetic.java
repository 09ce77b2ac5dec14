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
 */
final class MetaArithmetic {

    private MetaArithmetic() {
    }

    static ByteBuf run(Call c) {
        CommandLine line = c.line();
        MetaFlags f = MetaFlags.parse(line, 2, c.now());
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
        Item item = null;
        String number = null;
        boolean created = false;
        boolean sticks = false;
        switch (result.status()) {
            case OK -> {
                item = result.item();
                number = result.number();
                sticks = result.inPlace();
            }
            case NON_NUMERIC -> {
                return c.line(Replies.NON_NUMERIC);
            }
            case NOT_FOUND -> {
                if (f.vivify) {
                    number = Long.toUnsignedString(f.initial);
                    item = Item.of(0, 0, items.nextCas(), 0, number.getBytes(StandardCharsets.US_ASCII));
                    items.put(c.key(), item);
                    created = true;
                    sticks = true;
                }
            }
            default -> { }
        }
        ByteBuf out = c.alloc().buffer();
        if (item == null) {
            Replies.ascii(out, result.status() == Delta.Status.CAS_MISMATCH ? "EX" : "NF");
            if (!echo(out, c)) {
                out.release();
                return c.line(Replies.OPAQUE_TOO_LONG);
            }
            return Replies.crlf(out);
        }
        Replies.ascii(out, f.value ? "VA " + number.length() : "HD");
        long now = c.now();
        long expireAt = item.expireAt();
        String error = null;
        for (int w = 2; w < line.count() && error == null; w++) {
            switch (line.first(w)) {
                case 'c' -> Replies.unsigned(Replies.flag(out, 'c'), item.cas());
                case 't' -> Replies.ascii(Replies.flag(out, 't'), Long.toString(Exptime.secondsLeft(expireAt, now)));
                case 'T' -> expireAt = f.expireAt;
                case 'N' -> expireAt = created ? f.autovivExpireAt : expireAt;
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
        if (sticks && expireAt != item.expireAt()) {
            items.put(c.key(), item.withExpireAt(expireAt));
        }
        if (error != null) {
            out.release();
            return c.line(error);
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

    /** Appends the O and k flags in the order asked; false when an opaque is too long. */
    static boolean echo(ByteBuf out, Call c) {
        CommandLine line = c.line();
        for (int w = 2; w < line.count(); w++) {
            if (line.first(w) == 'O') {
                if (MetaFlags.opaqueTooLong(line, w)) {
                    return false;
                }
                out.writeByte(' ');
                line.write(out, w);
            } else if (line.first(w) == 'k') {
                Items.writeKey(Replies.flag(out, 'k'), c.key());
            }
        }
        return true;
    }
}
