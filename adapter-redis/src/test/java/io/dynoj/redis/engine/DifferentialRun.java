package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.testkit.RawRespClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * One differential run: the same commands to a real redis-server and to a Dynoj node, every reply
 * compared after {@link ReplyNormalizer}. A difference fails with the seed, the command and the 15
 * commands before it with redis's replies.
 */
public final class DifferentialRun {

    private DifferentialRun() {
    }

    /** Runs {@code count} commands from {@code next}; returns how many got a non-empty array reply. */
    public static int compare(RawRespClient redis, RawRespClient dynoj, long seed, int count,
                              Supplier<List<String>> next) {
        Deque<String> history = new ArrayDeque<>();
        int nonEmptyArrays = 0;
        for (int i = 0; i < count; i++) {
            List<String> command = next.get();
            List<byte[]> args = command.stream().map(a -> a.getBytes(StandardCharsets.UTF_8)).toList();
            String expected = ReplyNormalizer.normalize(command, redis.call(args));
            String actual = ReplyNormalizer.normalize(command, dynoj.call(args));
            if (expected.startsWith("*") && !expected.startsWith("*0") && !expected.startsWith("*-")) {
                nonEmptyArrays++;
            }
            history.addLast(String.join(" ", command) + "  ->  " + expected.replace("\r\n", "\\r\\n"));
            if (history.size() > 15) {
                history.removeFirst();
            }
            assertThat(actual)
                    .as("seed %d, command %d: %s%nprevious commands (redis's replies):%n%s", seed, i,
                            command, String.join("\n", history))
                    .isEqualTo(expected);
        }
        return nonEmptyArrays;
    }
}
