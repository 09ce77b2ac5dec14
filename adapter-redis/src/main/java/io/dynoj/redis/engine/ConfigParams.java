package io.dynoj.redis.engine;

import io.dynoj.core.storage.EngineSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CONFIG parameters the engine knows and their values at start: Redis 7.0's defaults for the
 * tunable ones, and for the others what the engine really does (no RDB snapshots or AOF: the store
 * persists every write itself; no eviction; its string and request limits). The node's client-side
 * settings (port, bind, timeout, maxclients, dir) are not in the engine's contract
 * ({@link EngineSettings}), so they are not answered.
 */
final class ConfigParams {

    static final long INT_MAX = Integer.MAX_VALUE;
    static final long LONG_MAX = Long.MAX_VALUE;

    private ConfigParams() {
    }

    /** Every parameter, in the order CONFIG GET lists pattern matches. */
    static List<ConfigParam> all() {
        return List.of(
                tunable("list-max-listpack-size", "list-max-ziplist-size", ConfigParam.Check.integer(Integer.MIN_VALUE, INT_MAX)),
                tunable("list-compress-depth", null, ConfigParam.Check.integer(0, INT_MAX)),
                tunable("hash-max-listpack-entries", "hash-max-ziplist-entries", ConfigParam.Check.integer(0, LONG_MAX)),
                tunable("hash-max-listpack-value", "hash-max-ziplist-value", ConfigParam.Check.memory(0, LONG_MAX)),
                tunable("set-max-intset-entries", null, ConfigParam.Check.integer(0, LONG_MAX)),
                tunable("zset-max-listpack-entries", "zset-max-ziplist-entries", ConfigParam.Check.integer(0, LONG_MAX)),
                tunable("zset-max-listpack-value", "zset-max-ziplist-value", ConfigParam.Check.memory(0, LONG_MAX)),
                tunable("stream-node-max-bytes", null, ConfigParam.Check.memory(0, LONG_MAX)),
                tunable("stream-node-max-entries", null, ConfigParam.Check.integer(0, LONG_MAX)),
                tunable("hll-sparse-max-bytes", null, ConfigParam.Check.memory(0, LONG_MAX)),
                tunable("activerehashing", null, ConfigParam.Check.bool()),
                tunable("sanitize-dump-payload", null, ConfigParam.Check.oneOf("no", "yes", "clients")),
                fixed("maxmemory", ConfigParam.Check.memory(0, LONG_MAX)),
                fixed("maxmemory-policy", ConfigParam.Check.oneOf("volatile-lru", "volatile-lfu", "volatile-random",
                        "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction")),
                fixed("maxmemory-samples", ConfigParam.Check.integer(1, INT_MAX)),
                fixed("maxmemory-clients", ConfigParam.Check.memory(0, LONG_MAX)),
                fixed("proto-max-bulk-len", ConfigParam.Check.memory(1024 * 1024, LONG_MAX)),
                fixed("client-query-buffer-limit", ConfigParam.Check.memory(1024 * 1024, LONG_MAX)),
                fixed("tcp-keepalive", ConfigParam.Check.integer(0, INT_MAX)),
                fixed("databases", ConfigParam.Check.integer(1, INT_MAX)),
                fixed("save", ConfigParam.Check.text()),
                fixed("appendonly", ConfigParam.Check.bool()),
                fixed("appendfsync", ConfigParam.Check.oneOf("always", "everysec", "no")),
                new ConfigParam("busy-reply-threshold", "lua-time-limit", false, ConfigParam.Check.integer(0, LONG_MAX)),
                fixed("loglevel", ConfigParam.Check.oneOf("debug", "verbose", "notice", "warning", "nothing")),
                fixed("hz", ConfigParam.Check.integer(0, INT_MAX)),
                fixed("io-threads", ConfigParam.Check.integer(1, 128)),
                fixed("notify-keyspace-events", ConfigParam.Check.text()),
                fixed("slowlog-log-slower-than", ConfigParam.Check.integer(-1, LONG_MAX)),
                fixed("slowlog-max-len", ConfigParam.Check.integer(0, LONG_MAX)),
                fixed("latency-monitor-threshold", ConfigParam.Check.integer(0, LONG_MAX)),
                fixed("latency-tracking", ConfigParam.Check.bool()),
                fixed("cluster-enabled", ConfigParam.Check.bool()),
                fixed("daemonize", ConfigParam.Check.bool()),
                fixed("protected-mode", ConfigParam.Check.bool()),
                new ConfigParam("replica-read-only", "slave-read-only", false, ConfigParam.Check.bool()),
                new ConfigParam("replicaof", "slaveof", false, ConfigParam.Check.text()),
                fixed("rdbcompression", ConfigParam.Check.bool()),
                fixed("lazyfree-lazy-user-flush", ConfigParam.Check.bool()));
    }

    /** Values at start, by parameter name. */
    static Map<String, String> initialValues(EngineSettings engine) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("list-max-listpack-size", "-2");
        v.put("list-compress-depth", "0");
        v.put("hash-max-listpack-entries", "512");
        v.put("hash-max-listpack-value", "64");
        v.put("set-max-intset-entries", "512");
        v.put("zset-max-listpack-entries", "128");
        v.put("zset-max-listpack-value", "64");
        v.put("stream-node-max-bytes", "4096");
        v.put("stream-node-max-entries", "100");
        v.put("hll-sparse-max-bytes", "3000");
        v.put("activerehashing", "yes");
        v.put("sanitize-dump-payload", "no");
        v.put("maxmemory", "0");
        v.put("maxmemory-policy", "noeviction");
        v.put("maxmemory-samples", "5");
        v.put("maxmemory-clients", "0");
        // The longest string a command may build; requests are bounded by client_query_buffer_limit.
        v.put("proto-max-bulk-len", Long.toString(StringLimits.PROTO_MAX_BULK_LEN));
        v.put("client-query-buffer-limit", Long.toString(engine.limits().maxRequestBytes()));
        v.put("tcp-keepalive", "0");
        v.put("databases", "1");
        v.put("save", "");
        v.put("appendonly", "no");
        v.put("appendfsync", "everysec");
        v.put("busy-reply-threshold", "5000");
        v.put("loglevel", "notice");
        v.put("hz", "10");
        v.put("io-threads", "1");
        v.put("notify-keyspace-events", "");
        v.put("slowlog-log-slower-than", "10000");
        v.put("slowlog-max-len", "128");
        v.put("latency-monitor-threshold", "0");
        v.put("latency-tracking", "yes");
        v.put("cluster-enabled", "no");
        v.put("daemonize", "no");
        v.put("protected-mode", "no");
        v.put("replica-read-only", "yes");
        v.put("replicaof", "");
        v.put("rdbcompression", "yes");
        v.put("lazyfree-lazy-user-flush", "no");
        return v;
    }

    private static ConfigParam tunable(String name, String alias, ConfigParam.Check check) {
        return new ConfigParam(name, alias, true, check);
    }

    private static ConfigParam fixed(String name, ConfigParam.Check check) {
        return new ConfigParam(name, null, false, check);
    }
}
