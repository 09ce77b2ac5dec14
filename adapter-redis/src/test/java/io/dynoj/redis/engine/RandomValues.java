package io.dynoj.redis.engine;

import io.dynoj.testkit.RespClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes random values of every type, in the sizes that make Redis choose each of its encodings:
 * integer strings, binary strings, long compressible strings (LZF); small and large lists (one or
 * several quicklist nodes), sets of integers (intset) and of strings, small and large hashes and
 * sorted sets (listpack or hash table / skiplist), with integer, fractional and infinite scores.
 */
final class RandomValues {

    private static final String[] TYPES = {"string", "list", "set", "hash", "zset"};

    private final Random random;

    RandomValues(Random random) {
        this.random = random;
    }

    /** Writes a value at {@code key} through {@code c}; returns its type. */
    String write(RespClient c, String key, int i) {
        String type = TYPES[i % TYPES.length];
        boolean large = random.nextInt(3) == 0;
        int n = large ? 200 + random.nextInt(1500) : 1 + random.nextInt(20);
        List<byte[]> args = new ArrayList<>();
        switch (type) {
            case "string" -> {
                args.add(b("SET"));
                args.add(b(key));
                args.add(string(large));
            }
            case "list" -> {
                args.add(b("RPUSH"));
                args.add(b(key));
                for (int j = 0; j < n; j++) {
                    args.add(element(large && j % 10 == 0));
                }
            }
            case "set" -> {
                args.add(b("SADD"));
                args.add(b(key));
                boolean integers = random.nextBoolean();
                for (int j = 0; j < n; j++) {
                    args.add(integers ? b(Long.toString(random.nextLong() >> random.nextInt(64))) : element(false));
                }
            }
            case "hash" -> {
                args.add(b("HSET"));
                args.add(b(key));
                for (int j = 0; j < n; j++) {
                    args.add(b("f" + j));
                    args.add(element(large && j % 7 == 0));
                }
            }
            default -> {
                args.add(b("ZADD"));
                args.add(b(key));
                for (int j = 0; j < n; j++) {
                    args.add(b(score()));
                    args.add(element(false));
                }
            }
        }
        c.call(args.toArray(new byte[0][]));
        return type;
    }

    private byte[] string(boolean large) {
        return switch (random.nextInt(4)) {
            case 0 -> b(Long.toString(random.nextLong() >> random.nextInt(64)));
            case 1 -> {
                byte[] binary = new byte[large ? 5000 : random.nextInt(30)];
                random.nextBytes(binary);
                yield binary;
            }
            case 2 -> b(("pattern-" + random.nextInt(100)).repeat(large ? 2000 : 10));
            default -> b("text " + random.nextInt());
        };
    }

    /** A list element or hash value: an integer, short text, binary, or (when {@code big}) over 64 bytes. */
    private byte[] element(boolean big) {
        if (big) {
            return b("v".repeat(65 + random.nextInt(200)));
        }
        return switch (random.nextInt(3)) {
            case 0 -> b(Integer.toString(random.nextInt(200_000) - 100_000));
            case 1 -> {
                byte[] binary = new byte[1 + random.nextInt(12)];
                random.nextBytes(binary);
                yield binary;
            }
            default -> b("m" + random.nextInt(100_000));
        };
    }

    private String score() {
        return switch (random.nextInt(6)) {
            case 0 -> "inf";
            case 1 -> "-inf";
            case 2 -> Integer.toString(random.nextInt(1000) - 500);
            default -> Double.toString((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(20) - 10));
        };
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
