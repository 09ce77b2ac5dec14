package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Requests built from words and read back as text, for the protocol package's tests. */
final class Requests {

    private Requests() {
    }

    static RedisRequest request(String... args) {
        List<byte[]> bytes = Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.UTF_8)).toList();
        return RespRequestDecoder.decodeComplete(RespWriter.command(ByteBufAllocator.DEFAULT, bytes));
    }

    /**
     * The text of the effect of {@code args} once the primary answered {@code reply} at {@code now}, or
     * null when there is none; releases the reply.
     */
    static String effect(ByteBuf reply, long now, String... args) {
        RedisRequest executed = request(args);
        try {
            RedisRequest effect = RedisEffects.effect(executed, reply, ByteBufAllocator.DEFAULT, now);
            return effect == null ? null : text(effect);
        } finally {
            executed.release();
            reply.release();
        }
    }

    /**
     * The request's arguments joined by spaces, an {@link EffectScript} as {@code EVAL [keys] command; command};
     * releases it.
     */
    static String text(RedisRequest r) {
        try {
            List<String> args = RedisEffects.args(r).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
            if (args.size() < 3 || !args.get(0).equals("EVAL") || !args.get(1).equals(EffectScript.SCRIPT)) {
                return String.join(" ", args);
            }
            int keys = Integer.parseInt(args.get(2));
            List<String> commands = new ArrayList<>();
            for (int i = 3 + keys; i < args.size(); ) {
                int argc = Integer.parseInt(args.get(i));
                commands.add(String.join(" ", args.subList(i + 1, i + 1 + argc)));
                i += argc + 1;
            }
            return "EVAL " + args.subList(3, 3 + keys) + " " + String.join("; ", commands);
        } finally {
            r.release();
        }
    }
}
