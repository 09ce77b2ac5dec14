package io.dynoj.redis.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The Redis writes (as effects: relative times already made absolute by the primary) that leave the same
 * state when applied twice in a row: setting, deleting, adding to a set... but not incrementing, appending,
 * pushing or popping. Hinted handoff replays these when it cannot know whether a replica applied them, and
 * copies the key whole for the others. A command not listed is treated as not idempotent, which is always
 * safe (it costs a copy). Stateless.
 */
public final class IdempotentWrites {

    private static final Set<String> COMMANDS = Set.of(
            "set", "mset", "msetnx", "setnx", "setex", "psetex", "getset", "getdel", "setrange",
            "del", "unlink", "expireat", "pexpireat", "persist", "restore",
            "hset", "hmset", "hsetnx", "hdel",
            "sadd", "srem", "smove",
            "zrem", "zremrangebyscore", "zremrangebylex",
            "lset", "lrem", "pfadd", "copy", "flushall", "flushdb", "swapdb");

    private IdempotentWrites() {
    }

    /** Whether applying {@code request} (an effect) twice in a row leaves what applying it once did. */
    public static boolean isIdempotent(RedisRequest request) {
        String command = request.command();
        if (command.equals("zadd")) {
            return !hasArgument(request, "incr");
        }
        if (command.equals("restore") || command.equals("copy")) {
            return hasArgument(request, "replace");
        }
        if (command.equals("lrem")) {
            // LREM key 0 x removes every x: a second run finds none; a count removes that many again.
            return argumentIs(request, 2, "0");
        }
        return COMMANDS.contains(command);
    }

    private static boolean hasArgument(RedisRequest request, String word) {
        for (byte[] arg : RedisEffects.args(request)) {
            if (new String(arg, StandardCharsets.US_ASCII).equalsIgnoreCase(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean argumentIs(RedisRequest request, int index, String value) {
        var args = RedisEffects.args(request);
        return args.size() > index && new String(args.get(index), StandardCharsets.US_ASCII).equals(value);
    }
}
