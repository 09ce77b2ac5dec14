package io.dynoj.memcached.engine;

import io.dynoj.memcached.protocol.FlushAllGate;
import io.netty.buffer.ByteBuf;

/**
 * {@code flush_all [delay] [noreply]}: every item written before now (or before the delay's end)
 * disappears ({@link FlushState}); answered OK. Only where the node allows flush_all
 * ({@code allow_flush_all}): the decoder refuses it from clients otherwise, and the engine also
 * refuses it when a peer forwards it to a node that does not allow it.
 */
final class FlushCommand {

    private FlushCommand() {
    }

    static ByteBuf run(Call c, boolean allowed) {
        if (!allowed) {
            return c.line(FlushAllGate.REFUSAL);
        }
        CommandLine line = c.line();
        boolean noreply = line.count() > 1 && line.is(line.count() - 1, "noreply");
        // As memcached: a delay is read whenever there are other words than the command and noreply.
        long delay = line.count() != (noreply ? 2 : 1) ? line.number(1) : 0;
        Items items = c.items();
        long now = c.now();
        if (delay > 0) {
            // memcached flushes what was written up to one second before the delay's end.
            items.flush().flushAt(Exptime.expireAt(delay, now) - 1000, now, items.casSequence());
        } else {
            items.flush().flushNow(items.casSequence());
        }
        return c.line("OK");
    }
}
