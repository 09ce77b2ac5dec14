package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.node.DynojNode;
import io.dynoj.core.spi.RangeStore;
import io.dynoj.core.spi.TokenRange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.SetParams;

/** Data written through a cluster and read back from one replica's own datastore, for the warm-up tests. */
final class RackData {

    private RackData() {
    }

    /** Keys {@code k:from..k:to-1}: 50 % strings (a tenth of all keys with a TTL), hashes, sets, sorted sets, lists. */
    static void write(int port, int from, int to) {
        try (Jedis j = new Jedis("127.0.0.1", port, 30_000)) {
            Pipeline p = j.pipelined();
            for (int i = from; i < to; i++) {
                String k = "k:" + i;
                switch (i % 10) {
                    case 0 -> p.hset(k, Map.of("a", "1", "b", Integer.toString(i), "c", "3"));
                    case 1 -> p.sadd(k, "x", "y", Integer.toString(i));
                    case 2 -> p.zadd(k, Map.of("m" + i, 1.5, "n", 2.0));
                    case 3 -> p.rpush(k, "l1", "l2", Integer.toString(i));
                    case 4 -> p.set(k, "v" + i, SetParams.setParams().ex(3600));
                    default -> p.set(k, "v" + i);
                }
                if (i % 500 == 499) {
                    p.sync();
                }
            }
            p.sync();
        }
    }

    /** A replica's keys and value digests (value and absolute expiry), read from its own datastore. */
    static Map<String, Long> digests(DynojNode node) {
        Map<String, Long> out = new TreeMap<>();
        for (RangeStore.KeyDigest k : node.datastore().rangeStore().digests(TokenRange.all(), key -> 1)) {
            out.put(new String(k.key(), StandardCharsets.UTF_8), k.digest());
        }
        return out;
    }

    /** Equal maps, or a failure naming a few keys that differ (not every key of both). */
    static <V> void assertSame(Map<String, V> actual, Map<String, V> expected, String what) {
        List<String> differing = new ArrayList<>();
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            if (!Objects.equals(actual.get(k), expected.get(k))) {
                differing.add(k + ": " + actual.get(k) + " instead of " + expected.get(k));
            }
        }
        assertThat(differing.size()).as("%s: keys that differ, first ones: %s", what,
                differing.subList(0, Math.min(10, differing.size()))).isZero();
    }
}
