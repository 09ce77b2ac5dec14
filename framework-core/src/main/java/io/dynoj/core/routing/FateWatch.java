package io.dynoj.core.routing;

import io.dynoj.core.handoff.HintedHandoff;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.topology.ClusterNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * The sink of an effect sent to a replica, watching its fate: when the replica does not answer (timeout, the
 * link broke, the peer went DOWN) the effect may or may not have run there, so it is neither replayed nor
 * forgotten: its keys are copied whole to the replica once it is back ({@link HintedHandoff#unknownFate}).
 * Keeps its own reference to the effect until then, for its keys. Passes every answer on unchanged.
 */
final class FateWatch implements ReplySink {

    private final ReplySink sink;
    private final ClusterNode node;
    private final HintedHandoff hints;
    private Request effect;

    FateWatch(ReplySink sink, ClusterNode node, Request effect, HintedHandoff hints) {
        this.sink = sink;
        this.node = node;
        this.hints = hints;
        this.effect = effect.retainedDuplicate();
    }

    @Override
    public void reply(ByteBuf reply) {
        releaseEffect();
        sink.reply(reply);
    }

    @Override
    public void error(String message) {
        Request kept = effect;
        effect = null;
        if (kept != null) {
            List<byte[]> keys = new ArrayList<>(kept.keyCount());
            for (int k = 0; k < kept.keyCount(); k++) {
                keys.add(ByteBufUtil.getBytes(kept.key(k)));
            }
            kept.release();
            hints.unknownFate(node.id(), keys, System.currentTimeMillis());
        }
        sink.error(message);
    }

    private void releaseEffect() {
        Request kept = effect;
        effect = null;
        if (kept != null) {
            kept.release();
        }
    }

    @Override
    public EventLoop eventLoop() {
        return sink.eventLoop();
    }

    @Override
    public int connectionId() {
        return sink.connectionId();
    }

    @Override
    public Runnable background() {
        return sink.background();
    }
}
