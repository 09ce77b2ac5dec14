package io.dynoj.core.spi;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/**
 * A reply the node writes itself, without asking a datastore.
 *
 * @param reply the bytes to send, owned by the receiver; {@code null} for an answer {@link #later}
 * @param closeAfter whether the connection closes once the reply is written (QUIT, protocol errors)
 * @param pending for an answer the node gives later (PUBLISH, which waits for the peers' counts): completes
 *     with the reply (ownership passes), or fails with the error the client gets; {@code null} otherwise
 */
public record LocalAnswer(ByteBuf reply, boolean closeAfter, CompletableFuture<ByteBuf> pending) {

    public LocalAnswer(ByteBuf reply, boolean closeAfter) {
        this(reply, closeAfter, null);
    }

    public static LocalAnswer of(ByteBuf reply) {
        return new LocalAnswer(reply, false);
    }

    public static LocalAnswer thenClose(ByteBuf reply) {
        return new LocalAnswer(reply, true);
    }

    /** An answer that comes when {@code pending} completes; the request keeps its place in the reply order. */
    public static LocalAnswer later(CompletableFuture<ByteBuf> pending) {
        return new LocalAnswer(null, false, pending);
    }
}
