package io.dynoj.core.spi;

import io.netty.buffer.ByteBuf;

/**
 * A reply the node writes itself, without asking a datastore.
 *
 * @param reply the bytes to send, owned by the receiver
 * @param closeAfter whether the connection closes once the reply is written (QUIT, protocol errors)
 */
public record LocalAnswer(ByteBuf reply, boolean closeAfter) {

    public static LocalAnswer of(ByteBuf reply) {
        return new LocalAnswer(reply, false);
    }

    public static LocalAnswer thenClose(ByteBuf reply) {
        return new LocalAnswer(reply, true);
    }
}
