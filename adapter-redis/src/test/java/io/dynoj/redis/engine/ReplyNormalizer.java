package io.dynoj.redis.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes replies comparable where Redis itself does not fix them: element order of set-like
 * replies, the exact remaining TTL, the choice of random members.
 */
final class ReplyNormalizer {

    /** Replies whose array order is Redis's hash-table order. */
    private static final Set<String> UNORDERED = Set.of(
            "smembers", "sinter", "sunion", "sdiff", "keys", "hkeys", "hvals", "hgetall");

    /** Replies that depend on the time left: only the sign is compared. */
    private static final Set<String> TIME_LEFT = Set.of("ttl", "pttl", "expiretime", "pexpiretime");

    /** Replies with random members: only the shape (type and size) is compared. */
    private static final Set<String> RANDOM = Set.of(
            "spop", "srandmember", "hrandfield", "zrandmember", "randomkey");

    private ReplyNormalizer() {
    }

    static String normalize(List<String> command, String reply) {
        String name = command.get(0).toLowerCase(Locale.ROOT);
        if (reply.startsWith("-")) {
            return reply;
        }
        if (TIME_LEFT.contains(name) && reply.startsWith(":") && !reply.startsWith(":-")) {
            return ":positive";
        }
        if (RANDOM.contains(name)) {
            return shape(reply);
        }
        if (name.equals("sort") || name.equals("sort_ro")) {
            return SortGen.normalize(command, reply);
        }
        if (UNORDERED.contains(name) && reply.startsWith("*")) {
            return sortedElements(reply);
        }
        return reply;
    }

    /** "*3" for an array of three, "$" for a bulk, the reply itself for nil/integers. */
    private static String shape(String reply) {
        if (reply.startsWith("*")) {
            return reply.substring(0, reply.indexOf('\r'));
        }
        if (reply.startsWith("$") && !reply.startsWith("$-1")) {
            return "$bulk";
        }
        return reply;
    }

    private static String sortedElements(String reply) {
        String[] lines = reply.split("\r\n", -1);
        List<String> elements = new ArrayList<>();
        for (int i = 1; i + 1 < lines.length; i += 2) {
            elements.add(lines[i] + "\r\n" + lines[i + 1]);
        }
        elements.sort(null);
        return lines[0] + "\r\n" + String.join("\r\n", elements);
    }
}
