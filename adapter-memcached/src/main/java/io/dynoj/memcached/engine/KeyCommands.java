package io.dynoj.memcached.engine;

import io.dynoj.memcached.protocol.MemcachedCommand;
import io.netty.buffer.ByteBuf;

/** delete, touch, incr and decr: one key, one line of answer. */
final class KeyCommands {

    private KeyCommands() {
    }

    /** {@code delete <key> [0] [noreply]}: DELETED or NOT_FOUND. */
    static ByteBuf delete(Call c) {
        if (c.items().get(c.key()) == null) {
            return c.line(Replies.NOT_FOUND);
        }
        c.items().delete(c.key());
        return c.line("DELETED");
    }

    /** {@code touch <key> <exptime> [noreply]}: TOUCHED or NOT_FOUND; the cas stays. */
    static ByteBuf touch(Call c) {
        Item item = c.items().get(c.key());
        if (item == null) {
            return c.line(Replies.NOT_FOUND);
        }
        c.items().put(c.key(), item.withExpireAt(Exptime.expireAt(c.line().number(2), c.exptimeBase())));
        return c.line("TOUCHED");
    }

    /** {@code incr|decr <key> <delta> [noreply]}: the new value, NOT_FOUND, or the non-numeric error. */
    static ByteBuf arithmetic(Call c) {
        boolean incr = c.request().commandType() == MemcachedCommand.INCR;
        Delta.Result result = Delta.apply(c.items(), c.key(), incr, c.line().unsignedNumber(2), 0);
        return c.line(switch (result.status()) {
            case OK -> result.number();
            case NOT_FOUND -> Replies.NOT_FOUND;
            default -> Replies.NON_NUMERIC;
        });
    }
}
