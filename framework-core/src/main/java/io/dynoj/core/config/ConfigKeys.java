package io.dynoj.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The configuration keys Dynoj understands, and the Dynomite keys it accepts without using them yet. */
final class ConfigKeys {

    @FunctionalInterface
    interface Setter {
        void apply(NodeConfig.Builder builder, JsonNode value);
    }

    static final Map<String, Setter> SETTERS = Map.ofEntries(
            // Netflix Dynomite keys
            Map.entry("listen", (b, v) -> b.listen(HostPort.parse(text(v)))),
            Map.entry("dyn_listen", (b, v) -> b.dynListen(HostPort.parse(text(v)))),
            Map.entry("dyn_seeds", (b, v) -> b.dynSeeds(list(v, s -> s))),
            Map.entry("dyn_seed_provider", (b, v) -> b.dynSeedProvider(text(v))),
            Map.entry("servers", (b, v) -> b.servers(list(v, ServerAddress::parse))),
            Map.entry("tokens", (b, v) -> b.tokens(tokens(text(v)))),
            Map.entry("datacenter", (b, v) -> b.datacenter(text(v))),
            Map.entry("rack", (b, v) -> b.rack(text(v))),
            Map.entry("data_store", ConfigKeys::dataStore),
            Map.entry("protocol", (b, v) -> b.protocol(protocol(text(v)))),
            Map.entry("data_dir", (b, v) -> b.dataDir(java.nio.file.Path.of(text(v)))),
            // As in Dynomite, 0 means "not set": the default applies.
            Map.entry("timeout", (b, v) -> orDefault(nonNegativeLong(v), b::timeoutMillis)),
            Map.entry("hash", (b, v) -> b.hash(text(v).toLowerCase(Locale.ROOT))),
            Map.entry("hash_tag", (b, v) -> b.hashTag(hashTag(text(v)))),
            Map.entry("read_consistency", (b, v) -> b.readConsistency(ConsistencyLevel.parse(text(v)))),
            Map.entry("write_consistency", (b, v) -> b.writeConsistency(ConsistencyLevel.parse(text(v)))),
            Map.entry("stats_listen", (b, v) -> b.statsListen(HostPort.parse(text(v)))),
            Map.entry("datastore_connections", (b, v) -> orDefault(nonNegativeLong(v), n -> b.datastoreConnections((int) n))),
            Map.entry("client_connections", (b, v) -> b.clientConnections((int) nonNegativeLong(v))),
            Map.entry("local_peer_connections", (b, v) -> orDefault(nonNegativeLong(v), n -> b.localPeerConnections((int) n))),
            Map.entry("remote_peer_connections", (b, v) -> orDefault(nonNegativeLong(v), n -> b.remotePeerConnections((int) n))),
            Map.entry("dyn_read_timeout", (b, v) -> orDefault(nonNegativeLong(v), b::dynReadTimeoutMillis)),
            Map.entry("dyn_write_timeout", (b, v) -> orDefault(nonNegativeLong(v), b::dynWriteTimeoutMillis)),
            Map.entry("enable_gossip", (b, v) -> b.enableGossip(bool(v))),
            Map.entry("gos_interval", (b, v) -> orDefault(nonNegativeLong(v), b::gosIntervalMillis)),
            // Dynoj's own keys
            Map.entry("datastore", (b, v) -> b.datastoreType(text(v).toLowerCase(Locale.ROOT))),
            Map.entry("io_threads", (b, v) -> b.ioThreads((int) nonNegativeLong(v))),
            Map.entry("max_request_bytes", (b, v) -> b.maxRequestBytes(ByteSize.parse(text(v)))),
            // Redis's names for its limits (memcached's for its own), with Redis's size syntax: 512mb, 1gb
            Map.entry("client_query_buffer_limit", (b, v) -> b.maxRequestBytes(ByteSize.parse(text(v)))),
            Map.entry("proto_max_bulk_len", (b, v) -> b.requestLimits(l -> l.withProtoMaxBulkLen(ByteSize.parse(text(v))))),
            Map.entry("proto_inline_max_size", (b, v) -> b.requestLimits(l -> l.withProtoInlineMaxSize(
                    ByteSize.parseInt(text(v))))),
            Map.entry("proto_max_multibulk_len", (b, v) -> b.requestLimits(l -> l.withProtoMaxMultibulkLen(
                    ByteSize.parseInt(text(v))))),
            Map.entry("item_size_max", (b, v) -> b.requestLimits(l -> l.withItemSizeMax(ByteSize.parse(text(v))))),
            Map.entry("memcached_max_line_length", (b, v) -> b.requestLimits(l -> l.withMemcachedMaxLineLength(
                    ByteSize.parseInt(text(v))))),
            Map.entry("peer_max_frame_bytes", (b, v) -> b.requestLimits(l -> l.withPeerMaxFrameBytes(
                    ByteSize.parse(text(v))))),
            Map.entry("max_in_flight_per_client", (b, v) -> b.maxInFlightPerClient((int) positiveLong(v))),
            Map.entry("peer_max_in_flight", (b, v) -> b.peerMaxInFlight((int) positiveLong(v))),
            Map.entry("peer_ping_interval", (b, v) -> b.peerPingIntervalMillis(positiveLong(v))),
            Map.entry("peer_down_after", (b, v) -> b.peerDownAfterMillis(positiveLong(v))),
            Map.entry("peer_acceptable_pause", (b, v) -> b.peerAcceptablePauseMillis(nonNegativeLong(v))),
            Map.entry("peer_phi_suspect", (b, v) -> b.peerPhiSuspect(positiveDouble(v))),
            Map.entry("peer_phi_down", (b, v) -> b.peerPhiDown(positiveDouble(v))),
            Map.entry("client_idle_timeout", (b, v) -> b.clientIdleTimeoutMillis(nonNegativeLong(v))),
            Map.entry("read_failover_attempts", (b, v) -> b.readFailoverAttempts((int) Math.min(nonNegativeLong(v),
                    Integer.MAX_VALUE))),
            Map.entry("allow_flush_all", (b, v) -> b.allowFlushAll(bool(v))),
            Map.entry("hinted_handoff_enabled", (b, v) -> b.hintedHandoff(bool(v))),
            Map.entry("max_hint_window", (b, v) -> b.maxHintWindowMillis(positiveLong(v))),
            Map.entry("max_hints_bytes_per_node", (b, v) -> b.maxHintsBytesPerNode(positiveLong(v))),
            Map.entry("read_repairs_enabled", (b, v) -> b.readRepairs(bool(v))),
            Map.entry("read_repair_mode", (b, v) -> b.readRepairBlocking(readRepairMode(text(v)))),
            Map.entry("tombstone_grace", (b, v) -> b.tombstoneGraceMillis(positiveLong(v))),
            Map.entry("hint_replay_rate", (b, v) -> b.hintReplayRate((int) Math.min(positiveLong(v), Integer.MAX_VALUE))),
            Map.entry("cluster_name", (b, v) -> b.clusterName(nonBlank(text(v)))),
            Map.entry("node_id", (b, v) -> b.nodeId(nonBlank(text(v)))),
            // Who may talk to the node (docs/SECURITY.md)
            Map.entry("requirepass", (b, v) -> b.requirepass(text(v))),
            Map.entry("requirepass_file", (b, v) -> b.requirepassFile(nonBlank(text(v)))),
            Map.entry("requirepass_env", (b, v) -> b.requirepassEnv(nonBlank(text(v)))),
            Map.entry("acl_file", (b, v) -> b.aclFile(java.nio.file.Path.of(nonBlank(text(v))))),
            Map.entry("auth_file", (b, v) -> b.authFile(java.nio.file.Path.of(nonBlank(text(v))))),
            Map.entry("admin_token_file", (b, v) -> b.adminTokenFile(java.nio.file.Path.of(nonBlank(text(v))))),
            Map.entry("admin_read_open", (b, v) -> b.adminReadOpen(bool(v))),
            // TLS (docs/SECURITY.md): Dynomite's secure_server_option and pem_key_file, and Dynoj's own keys
            Map.entry("secure_server_option", (b, v) -> b.tls().secureServerOption(SecureServerOption.parse(text(v)))),
            Map.entry("pem_key_file", (b, v) -> b.tls().pemKeyFile(path(v))),
            Map.entry("tls_cert_file", (b, v) -> b.tls().certFile(path(v))),
            Map.entry("tls_key_file", (b, v) -> b.tls().keyFile(path(v))),
            Map.entry("tls_ca_file", (b, v) -> b.tls().caFile(path(v))),
            Map.entry("tls_client_auth", (b, v) -> b.tls().clientAuth(TlsClientAuth.parse(text(v)))),
            Map.entry("client_tls", (b, v) -> b.tls().clientPortTls(bool(v))),
            Map.entry("listen_tls", (b, v) -> b.tls().listenTls(HostPort.parse(text(v)))),
            Map.entry("datastore_tls", (b, v) -> b.tls().datastoreTls(bool(v))),
            Map.entry("tls_reload_interval", (b, v) -> b.tls().reloadIntervalMillis(nonNegativeLong(v))));

    /** Dynomite keys a Dynomite config may carry that this version of Dynoj does not act on. */
    static final Set<String> IGNORED = Set.of(
            "recon_key_file", "recon_iv_file",
            "mbuf_size", "max_msgs", "backlog", "preconnect", "auto_eject_hosts",
            "server_retry_timeout", "server_failure_limit", "dyn_port", "dyn_connections",
            "stats_interval", "env", "conn_msg_rate",
            // deprecated in Dynomite itself
            "distribution", "server_connections");

    private ConfigKeys() {
    }

    private static boolean readRepairMode(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "blocking" -> true;
            case "async" -> false;
            default -> throw new IllegalArgumentException("expected blocking or async, got '" + s + "'");
        };
    }

    private static String text(JsonNode v) {
        if (!v.isValueNode()) {
            throw new IllegalArgumentException("expected a single value, got " + v);
        }
        return v.asText();
    }

    private static java.nio.file.Path path(JsonNode v) {
        return java.nio.file.Path.of(nonBlank(text(v)));
    }

    private static String nonBlank(String s) {
        if (s.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return s.trim();
    }

    private static boolean bool(JsonNode v) {
        String s = text(v).trim();
        if (!s.equals("true") && !s.equals("false")) {
            throw new IllegalArgumentException("expected true or false, got '" + s + "'");
        }
        return Boolean.parseBoolean(s);
    }

    private static <T> List<T> list(JsonNode v, Function<String, T> parse) {
        if (!v.isArray()) {
            throw new IllegalArgumentException("expected a list, got " + v);
        }
        List<T> out = new ArrayList<>();
        v.forEach(item -> out.add(parse.apply(text(item))));
        return out;
    }

    private static void orDefault(long n, java.util.function.LongConsumer set) {
        if (n != 0) {
            set.accept(n);
        }
    }

    private static long nonNegativeLong(JsonNode v) {
        long n = parseLong(text(v));
        if (n < 0) {
            throw new IllegalArgumentException("must not be negative, got " + n);
        }
        return n;
    }

    private static long positiveLong(JsonNode v) {
        long n = parseLong(text(v));
        if (n <= 0) {
            throw new IllegalArgumentException("must be positive, got " + n);
        }
        return n;
    }

    private static double positiveDouble(JsonNode v) {
        String s = text(v).trim();
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number, got '" + s + "'");
        }
        if (!(d > 0) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("must be a positive number, got " + s);
        }
        return d;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer, got '" + s + "'");
        }
    }

    /** {@code '0'}, {@code '2147483648'} or several comma-separated 32-bit unsigned tokens. */
    static List<Long> tokens(String s) {
        List<Long> out = new ArrayList<>();
        for (String part : s.split(",")) {
            long token = parseLong(part);
            if (token < 0 || token > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("token " + token + " is not a 32-bit unsigned integer");
            }
            out.add(token);
        }
        return out;
    }

    /**
     * Dynomite's {@code data_store}: 0 or {@code redis}, 1 or {@code memcached} name the client
     * protocol (served by that server behind the node, or by the embedded store when there is no
     * {@code servers}); any other name is a datastore type ({@code data_store: mysql}), whose
     * protocol is {@code protocol:} (default redis).
     */
    static void dataStore(NodeConfig.Builder b, JsonNode v) {
        String name = protocol(text(v));
        if (name.equals("redis") || name.equals("memcached")) {
            b.protocol(name);
        } else {
            b.datastoreType(name);
        }
    }

    /** Dynomite's numbers (0 = redis, 1 = memcached) or the protocol's name. */
    static String protocol(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "0" -> "redis";
            case "1" -> "memcached";
            default -> {
                if (v.isEmpty() || Character.isDigit(v.charAt(0))) {
                    throw new IllegalArgumentException("expected 0 (redis), 1 (memcached) or a name, got '" + s + "'");
                }
                yield v;
            }
        };
    }

    private static String hashTag(String s) {
        if (s.isEmpty()) {
            return null;
        }
        if (s.length() != 2) {
            throw new IllegalArgumentException("expected two characters such as \"{}\", got '" + s + "'");
        }
        return s;
    }
}
