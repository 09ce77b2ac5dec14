package io.dynoj.redis.protocol;

import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which Redis reads read repair compares across replicas, and how: one-key reads of what the key holds (not
 * TTL, PTTL, OBJECT, MEMORY, DUMP, nor the reads Redis marks {@code nondeterministic_output}), replies byte for
 * byte except where Redis itself gives no order: a set's members, a hash's fields and values, whose replies are
 * compared as sorted lists (HGETALL as sorted field-value pairs). Stateless.
 */
final class RepairableReads {

    private static final Set<String> NOT_THE_VALUE = Set.of("ttl", "pttl", "object", "memory", "dump", "debug",
            "expiretime", "pexpiretime", "touch");
    private static final Set<String> UNORDERED = Set.of("smembers", "hkeys", "hvals");
    private static final Comparator<byte[]> BYTES = Arrays::compare;

    private RepairableReads() {
    }

    static boolean isRepairable(RedisRequest read) {
        CommandSpec spec = read.spec();
        return read.kind() == RequestKind.READ && read.keyCount() == 1 && spec != null
                && !spec.nondeterministicOutput() && !NOT_THE_VALUE.contains(read.command());
    }

    static boolean sameAnswer(RedisRequest read, ByteBuf a, ByteBuf b) {
        if (ByteBufUtil.equals(a, b)) {
            return true;
        }
        String command = read.command();
        if (!UNORDERED.contains(command) && !command.equals("hgetall")) {
            return false;
        }
        List<byte[]> x = canonical(ReplyTree.of(a), command.equals("hgetall"));
        List<byte[]> y = canonical(ReplyTree.of(b), command.equals("hgetall"));
        if (x == null || y == null || x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!Arrays.equals(x.get(i), y.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The reply's elements sorted (pairs kept together for a hash), or null when it is no array of strings. */
    private static List<byte[]> canonical(Object reply, boolean pairs) {
        if (!(reply instanceof List<?> list)) {
            return null;
        }
        List<byte[]> items = new ArrayList<>(list.size());
        int step = pairs ? 2 : 1;
        for (int i = 0; i + step - 1 < list.size(); i += step) {
            if (!(list.get(i) instanceof byte[] first)) {
                return null;
            }
            if (pairs) {
                if (!(list.get(i + 1) instanceof byte[] second)) {
                    return null;
                }
                byte[] pair = new byte[first.length + 1 + second.length + 4];
                java.nio.ByteBuffer.wrap(pair).putInt(first.length).put(first).put((byte) 0).put(second);
                items.add(pair);
            } else {
                items.add(first);
            }
        }
        items.sort(BYTES);
        return items;
    }
}
