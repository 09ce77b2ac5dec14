package io.dynoj.core.hash;

import io.netty.buffer.ByteBuf;

/**
 * One Dynomite hash function over {@code length} bytes of {@code buf} starting at the absolute
 * {@code index}. Implementations read with absolute getters only, so the buffer's reader and writer
 * indexes never move, and return the C {@code uint32_t} result as the bits of a Java {@code int}.
 */
@FunctionalInterface
interface RangeHash {
    int hash(ByteBuf buf, int index, int length);
}
