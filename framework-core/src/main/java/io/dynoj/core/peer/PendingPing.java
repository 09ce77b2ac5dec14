package io.dynoj.core.peer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A PING a {@link PeerConnection} sent, waiting for its PONG; on the connection's event loop. */
record PendingPing(CompletableFuture<Duration> result, long startNanos) {

    /** Completes with the round trip at a PONG (timed in {@code metrics}), fails at anything else; releases. */
    void answered(PeerMessage m, PeerMetrics metrics) {
        try {
            if (m.type() == PeerMessage.PONG) {
                long nanos = System.nanoTime() - startNanos;
                metrics.ping.update(nanos, TimeUnit.NANOSECONDS);
                result.complete(Duration.ofNanos(nanos));
            } else {
                result.completeExceptionally(new IllegalStateException("ping answered with "
                        + PeerMessage.kindName(m.type()) + ": " + m.payload().toString(StandardCharsets.UTF_8)));
            }
        } finally {
            m.payload().release();
        }
    }
}
