package io.dynoj.distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;

/**
 * What one replica holds for a known set of keys, read through its node at DC_ONE (in a cluster of one node per
 * rack a node's DC_ONE reads are served by its own datastore): strings, counters, lists and hashes (fields
 * sorted), keyed by key. Two replicas are identical when their states are equal.
 */
final class ReplicaState {

    static final JedisClientConfig RESP2 = DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2)
            .connectionTimeoutMillis(5000).socketTimeoutMillis(30_000).build();

    private ReplicaState() {
    }

    /** The keys a workload of {@link #op} writes touch. */
    static List<String> keys(int strings, int counters, int lists, int hashes) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < strings; i++) {
            keys.add("s:" + i);
        }
        for (int i = 0; i < counters; i++) {
            keys.add("c:" + i);
        }
        for (int i = 0; i < lists; i++) {
            keys.add("l:" + i);
        }
        for (int i = 0; i < hashes; i++) {
            keys.add("h:" + i);
        }
        return keys;
    }

    static Map<String, Object> read(HostAndPort node, List<String> keys) {
        try (Jedis jedis = new Jedis(node, RESP2)) {
            Pipeline p = jedis.pipelined();
            List<Response<?>> replies = new ArrayList<>();
            for (String key : keys) {
                replies.add(switch (key.charAt(0)) {
                    case 'l' -> p.lrange(key, 0, -1);
                    case 'h' -> p.hgetAll(key);
                    default -> p.get(key);
                });
            }
            p.sync();
            Map<String, Object> state = new TreeMap<>();
            for (int i = 0; i < keys.size(); i++) {
                Object value = replies.get(i).get();
                if (value instanceof Map<?, ?> map) {
                    value = map.isEmpty() ? null : new TreeMap<>(map);
                } else if (value instanceof List<?> list && list.isEmpty()) {
                    value = null;
                }
                if (value != null) {
                    state.put(keys.get(i), value);
                }
            }
            return state;
        }
    }

    /** The keys whose values differ between two states, at most {@code max}, with both values. */
    static List<String> differences(Map<String, Object> a, Map<String, Object> b, int max) {
        List<String> out = new ArrayList<>();
        TreeMap<String, Object> all = new TreeMap<>(a);
        b.forEach(all::putIfAbsent);
        for (String key : all.keySet()) {
            if (!java.util.Objects.equals(a.get(key), b.get(key)) && out.size() < max) {
                out.add(key + ": " + a.get(key) + " vs " + b.get(key));
            }
        }
        return out;
    }
}
