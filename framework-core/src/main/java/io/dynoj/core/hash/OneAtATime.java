package io.dynoj.core.hash;

import io.netty.buffer.ByteBuf;

/** Dynomite's {@code hash_one_at_a_time} (src/hashkit/dyn_one_at_a_time.c): Jenkins' one-at-a-time hash. */
final class OneAtATime {

    private OneAtATime() {
    }

    static int hash(ByteBuf buf, int index, int length) {
        int h = 0;
        for (int i = index, end = index + length; i < end; i++) {
            // Dynomite walks the key through a plain "const char *", which is signed on x86/gcc:
            // a byte >= 0x80 is sign-extended when widened to uint32_t. getByte does the same.
            h += buf.getByte(i);
            h += h << 10;
            h ^= h >>> 6;
        }
        h += h << 3;
        h ^= h >>> 11;
        h += h << 15;
        return h;
    }
}
