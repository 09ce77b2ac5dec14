package io.dynoj.core.peer;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A frame off the request path (GOSSIP) that a {@link PeerConnection} sent, waiting for its answer of the
 * same kind; on the connection's event loop.
 *
 * @param kind the kind sent, and expected back
 * @param decoder reads the answer's payload (not releasing it); its {@link IllegalArgumentException}
 *     fails the result
 */
record PendingExchange<T>(byte kind, Function<ByteBuf, T> decoder, CompletableFuture<T> result) {

    /** Completes with the decoded answer, or fails at an ERROR or a malformed answer; releases the payload. */
    void answered(PeerMessage m) {
        try {
            if (m.type() == kind) {
                result.complete(decoder.apply(m.payload()));
            } else {
                result.completeExceptionally(new IllegalStateException(PeerMessage.kindName(kind)
                        + " answered with " + PeerMessage.kindName(m.type()) + ": "
                        + m.payload().toString(StandardCharsets.UTF_8)));
            }
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        } finally {
            m.payload().release();
        }
    }
}
