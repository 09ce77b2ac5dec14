package io.dynoj.core.peer;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

/**
 * Bounds what one peer connection ties up in the node, as client connections are bounded: reading stops
 * while the peer has {@code maxInFlight} requests unanswered, or while its answers wait in the outbound
 * buffer past the channel's high water mark (it does not read them); it resumes once both are low again
 * (half the requests, the low water mark). A fast peer is slowed down by TCP instead of filling a slow
 * node's memory.
 *
 * <p>Runs on the channel's event loop; {@link #inFlight()} may be read from any thread (racily, for a gauge).
 */
final class PeerReadThrottle {

    private final Channel channel;
    private final int maxInFlight;
    private final PeerServerMetrics metrics;
    /** Written on the loop only; a plain field, as the gauge may see a slightly stale count. */
    private int inFlight;
    private boolean paused;

    PeerReadThrottle(Channel channel, int maxInFlight, PeerServerMetrics metrics) {
        this.channel = channel;
        this.maxInFlight = maxInFlight;
        this.metrics = metrics;
    }

    /** A request came in; it counts until {@link #finished()}. */
    void started() {
        if (++inFlight >= maxInFlight) {
            pause();
        }
    }

    /** A request was answered and its background work, if any, has ended. */
    void finished() {
        inFlight--;
        if (paused) {
            resumeIfLow();
        }
    }

    /** The outbound buffer crossed a water mark. */
    void writabilityChanged() {
        if (!channel.isWritable()) {
            pause();
        } else {
            resumeIfLow();
        }
    }

    int inFlight() {
        return inFlight;
    }

    private void pause() {
        if (!paused) {
            paused = true;
            metrics.paused.inc();
            channel.config().setAutoRead(false);
        }
    }

    private void resumeIfLow() {
        if (paused && inFlight <= maxInFlight / 2 && channel.isWritable()) {
            paused = false;
            channel.config().setAutoRead(true);
            // The decoder stopped with whole frames still buffered (PeerFrameDecoder); an empty read makes it
            // go on with them even if the peer sends nothing more. Later, not here: we may be inside a read.
            channel.eventLoop().execute(() -> {
                if (channel.isActive() && !paused) {
                    channel.pipeline().fireChannelRead(Unpooled.EMPTY_BUFFER);
                }
            });
        }
    }
}
