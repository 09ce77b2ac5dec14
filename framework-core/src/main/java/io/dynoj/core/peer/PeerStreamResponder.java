package io.dynoj.core.peer;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/**
 * Answers a peer's STREAM frame (range digests, exports, imports for repair and warm-up): kept at the
 * byte level so the peer protocol does not depend on who streams. Called on the connection's event loop;
 * the work behind it (a scan of the store) must run elsewhere, so it answers with a future. Thread-safe.
 */
@FunctionalInterface
public interface PeerStreamResponder {

    /**
     * The answer's payload to {@code request}, whose ownership passes (release it when done). The future
     * fails with a message the peer is sent as an ERROR (a malformed request, a datastore that cannot
     * stream).
     */
    CompletableFuture<ByteBuf> answer(ByteBuf request);
}
