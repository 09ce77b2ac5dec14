package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Benchmark-only door to {@link RespRequestDecoder#decode}, which is protected: this class sits in
 * the decoder's package (in the benchmarks jar, not in adapter-redis) so a benchmark can run the
 * decoder without a channel pipeline around it. The context is {@code null}: the decoder only uses
 * it for inline commands, which the benchmarks do not send.
 */
public final class DecoderAccess {

    private DecoderAccess() {
    }

    /** Decodes what {@code in} holds into {@code out}; {@code in} stays the caller's to release. */
    public static void decode(RespRequestDecoder decoder, ByteBuf in, List<Object> out) {
        decoder.decode(null, in, out);
    }
}
