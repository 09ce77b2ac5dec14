package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * SORT's BY and GET patterns in a cluster of several nodes. A pattern with a {@code *} names keys
 * built from each element (weights, values to get), which the node serving the SORT reads from its own
 * datastore: correct only when they live where the sorted key lives. Redis Cluster refuses such
 * patterns; Dynoj refuses them with Redis Cluster's texts ({@code BY option of SORT denied in Cluster
 * mode.}, {@code GET option of SORT denied in Cluster mode.}) unless the pattern carries a hash tag that
 * the element cannot change, closed before its {@code *}, that hashes like the sorted key
 * ({@code SORT {u1}:list BY {u1}:weight_* GET {u1}:name_*} with {@code hash_tag: "{}"}). Patterns that read
 * no key are always allowed: {@code BY nosort} (any pattern without {@code *}), {@code GET #} (Redis
 * Cluster refuses even those GETs). A single node is never asked. Stateless.
 */
final class SortPatterns {

    private SortPatterns() {
    }

    /** The refusal of a SORT or SORT_RO whose patterns may read keys of other nodes; null otherwise. */
    static String refusalInCluster(RedisRequest request, ToLongFunction<ByteBuf> token) {
        boolean sort = request.command().equals("sort");
        if (!sort && !request.command().equals("sort_ro")) {
            return null;
        }
        List<byte[]> args = RedisEffects.args(request);
        long sortedKey = token.applyAsLong(Unpooled.wrappedBuffer(args.get(1)));
        for (int j = 2; j < args.size(); j++) {
            int left = args.size() - j - 1;
            String option = new String(args.get(j), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            switch (option) {
                case "asc", "desc", "alpha" -> {
                }
                case "limit" -> {
                    if (left < 2 || !integer(args.get(j + 1)) || !integer(args.get(j + 2))) {
                        return null; // Redis answers the syntax error first: the datastore will
                    }
                    j += 2;
                }
                case "store" -> {
                    if (!sort || left < 1) {
                        return null;
                    }
                    j++;
                }
                case "by", "get" -> {
                    if (left < 1) {
                        return null;
                    }
                    if (!readsLocalKeysOnly(args.get(++j), sortedKey, token)) {
                        return option.toUpperCase(Locale.ROOT) + " option of SORT denied in Cluster mode.";
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * Whether every key {@code pattern} names hashes like the sorted key: it names none (no {@code *}), or
     * what comes before its {@code *} fixes the hash whatever follows (a closed hash tag, seen by the
     * router's own hash giving one token for two different continuations) and that token is the key's.
     */
    static boolean readsLocalKeysOnly(byte[] pattern, long sortedKey, ToLongFunction<ByteBuf> token) {
        int star = indexOf(pattern, (byte) '*');
        if (star < 0) {
            return true;
        }
        // Bytes no hash_tag can use (it is two ASCII characters), so neither closes nor opens a tag.
        long one = token.applyAsLong(Unpooled.wrappedBuffer(withLast(pattern, star, (byte) 0x80)));
        long other = token.applyAsLong(Unpooled.wrappedBuffer(withLast(pattern, star, (byte) 0xff)));
        return one == other && one == sortedKey;
    }

    private static byte[] withLast(byte[] pattern, int prefix, byte last) {
        byte[] key = Arrays.copyOf(pattern, prefix + 1);
        key[prefix] = last;
        return key;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean integer(byte[] value) {
        return new String(value, StandardCharsets.US_ASCII).matches("-?[0-9]{1,19}");
    }
}
