package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An effect made of several commands as one request, so that the other replicas apply all of it, in
 * the primary's order, as one ordered write: one command is sent as it is; several become one
 * {@code EVAL} of {@link #SCRIPT}, a fixed script that runs the commands listed in its ARGV one after the
 * other (each as its argument count, then its arguments) and chooses nothing itself. The keys the
 * commands touch are its KEYS, so the EVAL is routed and ordered like them. Only redis-server replicas
 * run it: the stream commands whose effects need it are not served by the embedded stores either.
 * Stateless.
 */
final class EffectScript {

    /** Runs {@code redis.call} on each listed command, in order; answers how many ran. */
    static final String SCRIPT = """
            -- Dynoj: the effect of one write, replayed as its primary applied it
            local i, n = 1, 0
            while i <= #ARGV do
              local argc = tonumber(ARGV[i])
              redis.call(unpack(ARGV, i + 1, i + argc))
              i = i + argc + 1
              n = n + 1
            end
            return n
            """;

    /**
     * Most arguments one listed command may have: Lua's {@code unpack} puts them all on its stack, which
     * holds about 8000 values. Builders split longer commands (XCLAIM's ids) below this.
     */
    static final int MAX_ARGS_PER_COMMAND = 1000;

    private EffectScript() {
    }

    /**
     * The request that applies {@code commands} (each its arguments, name first; none of them empty)
     * touching {@code keys}, or null when there are none.
     */
    static RedisRequest of(List<List<byte[]>> commands, List<byte[]> keys, ByteBufAllocator alloc) {
        if (commands.isEmpty()) {
            return null;
        }
        if (commands.size() == 1) {
            return RedisRequest.of(commands.get(0), alloc);
        }
        Map<String, byte[]> distinct = new LinkedHashMap<>();
        keys.forEach(k -> distinct.putIfAbsent(new String(k, StandardCharsets.ISO_8859_1), k));
        List<byte[]> eval = new ArrayList<>();
        eval.add(ascii("EVAL"));
        eval.add(SCRIPT.getBytes(StandardCharsets.UTF_8));
        eval.add(ascii(Integer.toString(distinct.size())));
        eval.addAll(distinct.values());
        for (List<byte[]> command : commands) {
            eval.add(ascii(Integer.toString(command.size())));
            eval.addAll(command);
        }
        return RedisRequest.of(eval, alloc);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
