package io.dynoj.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A node's configuration, immutable. Field names follow Netflix Dynomite's YAML keys; the
 * Dynoj-only keys are documented in README.md. Built by {@link ConfigLoader}.
 */
public final class NodeConfig {

    private final Path source;
    private final String poolName;
    private final HostPort listen;
    private final HostPort dynListen;
    private final List<String> dynSeeds;
    private final String dynSeedProvider;
    private final List<ServerAddress> servers;
    private final List<Long> tokens;
    private final String datacenter;
    private final String rack;
    private final String protocol;
    private final String datastoreType;
    private final long timeoutMillis;
    private final String hash;
    private final String hashTag;
    private final ConsistencyLevel readConsistency;
    private final ConsistencyLevel writeConsistency;
    private final HostPort statsListen;
    private final int datastoreConnections;
    private final int clientConnections;
    private final int ioThreads;
    private final RequestLimits requestLimits;
    private final int maxInFlightPerClient;
    private final int peerMaxInFlight;
    private final long peerPingIntervalMillis;
    private final long peerDownAfterMillis;
    private final long peerAcceptablePauseMillis;
    private final double peerPhiSuspect;
    private final double peerPhiDown;
    private final long clientIdleTimeoutMillis;
    private final boolean allowFlushAll;
    private final long dynWriteTimeoutMillis;
    private final long dynReadTimeoutMillis;
    private final int remotePeerConnections;
    private final int localPeerConnections;
    private final int readFailoverAttempts;
    private final boolean enableGossip;
    private final long gosIntervalMillis;
    private final boolean hintedHandoff;
    private final long maxHintWindowMillis;
    private final long tombstoneGraceMillis;
    private final long maxHintsBytesPerNode;
    private final int hintReplayRate;
    private final boolean readRepairs;
    private final boolean readRepairBlocking;
    private final Path dataDir;
    private final Map<String, JsonNode> sections;
    private final String clusterName;
    private final String nodeId;
    private final boolean tokensConfigured;
    private final AuthSettings auth;
    private final TlsSettings tls;

    NodeConfig(Builder b) {
        this.source = b.source;
        this.poolName = b.poolName;
        this.listen = b.listen;
        this.dynListen = b.dynListen;
        this.dynSeeds = List.copyOf(b.dynSeeds);
        this.dynSeedProvider = b.dynSeedProvider;
        this.servers = List.copyOf(b.servers);
        this.tokens = List.copyOf(b.tokens);
        this.datacenter = b.datacenter;
        this.rack = b.rack;
        this.protocol = b.protocol;
        this.datastoreType = b.datastoreType;
        this.timeoutMillis = b.timeoutMillis;
        this.hash = b.hash;
        this.hashTag = b.hashTag;
        this.readConsistency = b.readConsistency;
        this.writeConsistency = b.writeConsistency;
        this.statsListen = b.statsListen;
        this.datastoreConnections = b.datastoreConnections;
        this.clientConnections = b.clientConnections;
        this.ioThreads = b.ioThreads;
        this.requestLimits = b.requestLimits;
        this.maxInFlightPerClient = b.maxInFlightPerClient;
        this.peerMaxInFlight = b.peerMaxInFlight;
        this.peerPingIntervalMillis = b.peerPingIntervalMillis;
        this.peerDownAfterMillis = b.peerDownAfterMillis;
        this.peerAcceptablePauseMillis = b.peerAcceptablePauseMillis;
        this.peerPhiSuspect = b.peerPhiSuspect;
        this.peerPhiDown = b.peerPhiDown;
        if (peerPhiDown < peerPhiSuspect) {
            throw new IllegalArgumentException("peer_phi_down (" + peerPhiDown + ") must not be below peer_phi_suspect ("
                    + peerPhiSuspect + ")");
        }
        this.clientIdleTimeoutMillis = b.clientIdleTimeoutMillis;
        this.allowFlushAll = b.allowFlushAll;
        this.dynWriteTimeoutMillis = b.dynWriteTimeoutMillis;
        this.dynReadTimeoutMillis = b.dynReadTimeoutMillis;
        this.remotePeerConnections = b.remotePeerConnections;
        this.localPeerConnections = b.localPeerConnections;
        this.readFailoverAttempts = b.readFailoverAttempts;
        this.enableGossip = b.enableGossip;
        this.gosIntervalMillis = b.gosIntervalMillis;
        this.hintedHandoff = b.hintedHandoff;
        this.maxHintWindowMillis = b.maxHintWindowMillis;
        this.tombstoneGraceMillis = b.tombstoneGraceMillis;
        this.maxHintsBytesPerNode = b.maxHintsBytesPerNode;
        this.hintReplayRate = b.hintReplayRate;
        this.readRepairs = b.readRepairs;
        this.readRepairBlocking = b.readRepairBlocking;
        Path dir = b.dataDir != null ? b.dataDir : Path.of("data", "node-" + b.listen.port());
        this.dataDir = b.home != null ? b.home.resolve(dir) : dir;
        this.sections = Map.copyOf(b.sections);
        this.clusterName = b.clusterName != null ? b.clusterName : b.poolName;
        this.tokensConfigured = b.tokensConfigured;
        this.tls = b.tls.build(b.home);
        HostPort peer = b.dynListen != null ? b.dynListen : new HostPort(b.listen.host(), 0);
        this.nodeId = b.nodeId != null ? b.nodeId : b.datacenter + "/" + b.rack + "/" + peer;
        this.auth = b.auth();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The file this configuration was read from, or {@code null} when built in code. */
    public Path source() { return source; }

    /**
     * The cluster this node belongs to ({@code cluster_name}, default the pool name): peers of another
     * cluster are refused at their hello, and ZooKeeper keeps each cluster's members apart.
     */
    public String clusterName() { return clusterName; }

    /**
     * The node's identity, apart from its tokens ({@code node_id}, default {@code dc/rack/host:dyn_port}):
     * a node whose tokens change stays the same node; a replacement at another address is another one.
     */
    public String nodeId() { return nodeId; }

    /** Whether the configuration names the tokens ({@code tokens:}); if not, a coordinator may assign them. */
    public boolean tokensConfigured() { return tokensConfigured; }
    /** The YAML's top-level key (Dynomite's pool name, e.g. {@code dyn_o_mite}). */
    public String poolName() { return poolName; }
    /** Where clients connect. */
    public HostPort listen() { return listen; }
    /** Where peers connect; {@code null} when not configured. */
    public HostPort dynListen() { return dynListen; }
    public List<String> dynSeeds() { return dynSeeds; }
    public String dynSeedProvider() { return dynSeedProvider; }
    /** Datastore servers behind this node (empty for an embedded store). */
    public List<ServerAddress> servers() { return servers; }
    public List<Long> tokens() { return tokens; }
    public String datacenter() { return datacenter; }
    public String rack() { return rack; }
    /** The client protocol's name ({@code data_store}: 0 = redis, 1 = memcached). */
    public String protocol() { return protocol; }
    /** The datastore type ({@code DatastoreProvider.type()}) that serves requests. */
    public String datastoreType() { return datastoreType; }
    /** How long a datastore may take to answer one request ({@code timeout}, ms). */
    public long timeoutMillis() { return timeoutMillis; }
    public String hash() { return hash; }
    /** Two characters, or {@code null}: only the part of a key between them is hashed. */
    public String hashTag() { return hashTag; }
    public ConsistencyLevel readConsistency() { return readConsistency; }
    public ConsistencyLevel writeConsistency() { return writeConsistency; }
    public HostPort statsListen() { return statsListen; }
    /** Connections to each datastore server per I/O thread. */
    public int datastoreConnections() { return datastoreConnections; }
    /** Most client connections served at once; 0 means no limit. */
    public int clientConnections() { return clientConnections; }
    /** Event-loop threads; 0 means half the cores, at least one. */
    public int ioThreads() { return ioThreads; }
    /** Redis's {@code client-query-buffer-limit}: the most bytes of one request ({@code max_request_bytes} too). */
    public long maxRequestBytes() { return requestLimits.clientQueryBufferLimit(); }
    /** Every request-size limit ({@code proto_max_bulk_len}, {@code client_query_buffer_limit}, ...). */
    public RequestLimits requestLimits() { return requestLimits; }
    /** Requests one client may have in flight before the node stops reading from it. */
    public int maxInFlightPerClient() { return maxInFlightPerClient; }
    /**
     * Requests one peer connection may have unanswered before the peer server stops reading from it
     * ({@code peer_max_in_flight}); reading resumes at half.
     */
    public int peerMaxInFlight() { return peerMaxInFlight; }
    /** A peer connection that received nothing this long pings the peer ({@code peer_ping_interval}, ms). */
    public long peerPingIntervalMillis() { return peerPingIntervalMillis; }
    /** A peer with no connection up this long is DOWN ({@code peer_down_after}, ms). */
    public long peerDownAfterMillis() { return peerDownAfterMillis; }
    /** Silence of a peer that is still normal, for the phi detector ({@code peer_acceptable_pause}, ms). */
    public long peerAcceptablePauseMillis() { return peerAcceptablePauseMillis; }
    /** Phi from which a peer is SUSPECT ({@code peer_phi_suspect}). */
    public double peerPhiSuspect() { return peerPhiSuspect; }
    /** Phi from which a peer is DOWN ({@code peer_phi_down}). */
    public double peerPhiDown() { return peerPhiDown; }
    /** Closes a client connection idle this long; 0 means never (Redis's {@code timeout 0}). */
    public long clientIdleTimeoutMillis() { return clientIdleTimeoutMillis; }
    /** Whether memcached clients may run flush_all, which empties every node. ({@code allow_flush_all}) */
    public boolean allowFlushAll() { return allowFlushAll; }
    /** How long connecting to a peer may take (ms). ({@code dyn_write_timeout}) */
    public long dynWriteTimeoutMillis() { return dynWriteTimeoutMillis; }
    /** How long a peer may take to answer one request (ms). ({@code dyn_read_timeout}) */
    public long dynReadTimeoutMillis() { return dynReadTimeoutMillis; }
    /** Connections to each peer of another datacenter, per I/O thread. ({@code remote_peer_connections}) */
    public int remotePeerConnections() { return remotePeerConnections; }
    /** Connections to each peer of the local datacenter, per I/O thread. ({@code local_peer_connections}) */
    public int localPeerConnections() { return localPeerConnections; }
    /**
     * The most replicas a read served by one replica (DC_ONE) is sent to after the first, when the one before
     * cannot answer ({@code read_failover_attempts}); 0 turns read failover off. Default: no bound but the
     * cluster's (each other rack of the datacenter, then each other datacenter once).
     */
    public int readFailoverAttempts() { return readFailoverAttempts; }
    /** {@code hinted_handoff_enabled}: writes a replica misses are kept for it and replayed (default true). */
    public boolean hintedHandoff() { return hintedHandoff; }
    /** {@code max_hint_window}, ms: the longest a replica's hints are kept before it needs a full repair (3 h). */
    public long maxHintWindowMillis() { return maxHintWindowMillis; }
    /**
     * {@code tombstone_grace}, ms: how long an embedded store keeps a deleted key's tombstone (10 days), so that
     * repair does not bring the key back from a replica that missed the delete; run repair more often than this.
     */
    public long tombstoneGraceMillis() { return tombstoneGraceMillis; }
    /** {@code max_hints_bytes_per_node}: the most bytes of hints kept for one replica (1 GiB). */
    public long maxHintsBytesPerNode() { return maxHintsBytesPerNode; }
    /** {@code hint_replay_rate}: the most hints replayed to one replica per second (20000). */
    public int hintReplayRate() { return hintReplayRate; }
    /** Dynomite's {@code read_repairs_enabled}: reads at DC_QUORUM and above repair replicas that differ (true). */
    public boolean readRepairs() { return readRepairs; }
    /** {@code read_repair_mode}: {@code blocking} (the default) fixes stale replicas before answering, {@code async} after. */
    public boolean readRepairBlocking() { return readRepairBlocking; }
    /** Dynomite's {@code enable_gossip}: members are learnt by gossip, seeds from {@code dyn_seed_provider}. */
    public boolean enableGossip() { return enableGossip; }
    /** Dynomite's {@code gos_interval}, ms between gossip rounds (Dynoj's default 1000; Dynomite's 30000). */
    public long gosIntervalMillis() { return gosIntervalMillis; }
    /**
     * Where an embedded store keeps its files ({@code data_dir}; default {@code data/node-<listen port>}),
     * relative to the distribution's home when one was given (see {@link Builder#home}).
     */
    public Path dataDir() { return dataDir; }

    /**
     * A datastore's own settings: the map under the key named after it (e.g. {@code mysql:}), empty
     * when the file has none.
     */
    public ConfigSection section(String name) {
        return ConfigSection.of(name, sections.get(name));
    }

    /** What the datastore's provider reads: {@link #datastoreType()}'s settings and section. */
    public DatastoreSettings datastoreSettings() {
        return new DatastoreSettings(datastoreType, servers, timeoutMillis, datastoreConnections, dataDir,
                section(datastoreType), tombstoneGraceMillis);
    }

    /** Client authentication and the admin port's token (no secret in its {@code toString}). */
    public AuthSettings auth() { return auth; }
    /** Where the node speaks TLS and with which certificates ({@code tls_*}, {@code secure_server_option}...). */
    public TlsSettings tls() { return tls; }

    /** Names of the datastore sections in the file. */
    public java.util.Set<String> sectionNames() { return sections.keySet(); }

    /** Mutable builder; defaults are Dynomite's where Dynomite has the key. */
    public static final class Builder {
        Path source;
        String poolName = "dyn_o_mite";
        HostPort listen = new HostPort("127.0.0.1", 8102);
        HostPort dynListen;
        List<String> dynSeeds = List.of();
        String dynSeedProvider = "simple_provider";
        List<ServerAddress> servers = List.of();
        List<Long> tokens = List.of(0L);
        String datacenter = "localdc";
        String rack = "localrack";
        String protocol = "redis";
        String datastoreType;
        long timeoutMillis = 5000;
        String hash = "murmur";
        String hashTag;
        ConsistencyLevel readConsistency = ConsistencyLevel.DC_ONE;
        ConsistencyLevel writeConsistency = ConsistencyLevel.DC_ONE;
        HostPort statsListen = new HostPort("127.0.0.1", 22222);
        int datastoreConnections = 1;
        int clientConnections = 0;
        int ioThreads = 0;
        RequestLimits requestLimits = RequestLimits.DEFAULTS;
        int maxInFlightPerClient = 4096;
        int peerMaxInFlight = 4096;
        long peerPingIntervalMillis = 500;
        long peerDownAfterMillis = 1000;
        long peerAcceptablePauseMillis = 1500;
        double peerPhiSuspect = 1;
        double peerPhiDown = 8;
        long clientIdleTimeoutMillis = 0;
        boolean allowFlushAll = false;
        long dynWriteTimeoutMillis = 10000;
        long dynReadTimeoutMillis = 10000;
        int remotePeerConnections = 1;
        int localPeerConnections = 1;
        int readFailoverAttempts = Integer.MAX_VALUE;
        boolean enableGossip = false;
        long gosIntervalMillis = 1000;
        boolean hintedHandoff = true;
        long maxHintWindowMillis = 3 * 3600_000L;
        long tombstoneGraceMillis = io.dynoj.core.storage.EngineSettings.DEFAULT_TOMBSTONE_GRACE_MILLIS;
        long maxHintsBytesPerNode = 1L << 30;
        int hintReplayRate = 20_000;
        boolean readRepairs = true;
        boolean readRepairBlocking = true;
        Path dataDir;
        Path home;
        Map<String, JsonNode> sections = new java.util.HashMap<>();
        String clusterName;
        String nodeId;
        boolean tokensConfigured;
        String requirepass;
        String requirepassFile;
        String requirepassEnv;
        Path aclFile;
        Path authFile;
        Path adminTokenFile;
        boolean adminReadOpen = true;
        java.util.function.UnaryOperator<String> env = System::getenv;
        final TlsSettings.Builder tls = new TlsSettings.Builder();

        public Builder source(Path v) { source = v; return this; }
        public Builder poolName(String v) { poolName = v; return this; }
        public Builder listen(HostPort v) { listen = v; return this; }
        public Builder dynListen(HostPort v) { dynListen = v; return this; }
        public Builder dynSeeds(List<String> v) { dynSeeds = v; return this; }
        public Builder dynSeedProvider(String v) { dynSeedProvider = v; return this; }
        public Builder servers(List<ServerAddress> v) { servers = v; return this; }
        public Builder tokens(List<Long> v) { tokens = v; tokensConfigured = true; return this; }
        public Builder clusterName(String v) { clusterName = v; return this; }
        public Builder nodeId(String v) { nodeId = v; return this; }
        public Builder datacenter(String v) { datacenter = v; return this; }
        public Builder rack(String v) { rack = v; return this; }
        public Builder protocol(String v) { protocol = v; return this; }
        public Builder datastoreType(String v) { datastoreType = v; return this; }
        public Builder timeoutMillis(long v) { timeoutMillis = v; return this; }
        public Builder hash(String v) { hash = v; return this; }
        public Builder hashTag(String v) { hashTag = v; return this; }
        public Builder readConsistency(ConsistencyLevel v) { readConsistency = v; return this; }
        public Builder writeConsistency(ConsistencyLevel v) { writeConsistency = v; return this; }
        public Builder statsListen(HostPort v) { statsListen = v; return this; }
        public Builder datastoreConnections(int v) { datastoreConnections = v; return this; }
        public Builder clientConnections(int v) { clientConnections = v; return this; }
        public Builder ioThreads(int v) { ioThreads = v; return this; }
        /** Sets {@code client_query_buffer_limit} (whose older name {@code max_request_bytes} is). */
        public Builder maxRequestBytes(long v) { requestLimits = requestLimits.withClientQueryBufferLimit(v); return this; }
        public Builder requestLimits(java.util.function.UnaryOperator<RequestLimits> change) {
            requestLimits = change.apply(requestLimits);
            return this;
        }
        public Builder maxInFlightPerClient(int v) { maxInFlightPerClient = v; return this; }
        public Builder peerMaxInFlight(int v) { peerMaxInFlight = v; return this; }
        public Builder peerPingIntervalMillis(long v) { peerPingIntervalMillis = v; return this; }
        public Builder peerDownAfterMillis(long v) { peerDownAfterMillis = v; return this; }
        public Builder peerAcceptablePauseMillis(long v) { peerAcceptablePauseMillis = v; return this; }
        public Builder peerPhiSuspect(double v) { peerPhiSuspect = v; return this; }
        public Builder peerPhiDown(double v) { peerPhiDown = v; return this; }
        public Builder clientIdleTimeoutMillis(long v) { clientIdleTimeoutMillis = v; return this; }
        public Builder allowFlushAll(boolean v) { allowFlushAll = v; return this; }
        public Builder dynWriteTimeoutMillis(long v) { dynWriteTimeoutMillis = v; return this; }
        public Builder dynReadTimeoutMillis(long v) { dynReadTimeoutMillis = v; return this; }
        public Builder remotePeerConnections(int v) { remotePeerConnections = v; return this; }
        public Builder localPeerConnections(int v) { localPeerConnections = v; return this; }
        public Builder readFailoverAttempts(int v) { readFailoverAttempts = v; return this; }
        public Builder enableGossip(boolean v) { enableGossip = v; return this; }
        public Builder gosIntervalMillis(long v) { gosIntervalMillis = v; return this; }
        public Builder hintedHandoff(boolean v) { hintedHandoff = v; return this; }
        public Builder maxHintWindowMillis(long v) { maxHintWindowMillis = v; return this; }
        public Builder tombstoneGraceMillis(long v) { tombstoneGraceMillis = v; return this; }
        public Builder maxHintsBytesPerNode(long v) { maxHintsBytesPerNode = v; return this; }
        public Builder hintReplayRate(int v) { hintReplayRate = v; return this; }
        public Builder readRepairs(boolean v) { readRepairs = v; return this; }
        public Builder readRepairBlocking(boolean v) { readRepairBlocking = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        /** A relative {@code data_dir} is resolved against this ({@code DYNOJ_HOME}); {@code null}: the working directory. */
        public Builder home(Path v) { home = v; return this; }
        public Builder section(String name, JsonNode v) { sections.put(name, v); return this; }
        public Builder requirepass(String v) { requirepass = v; return this; }
        public Builder requirepassFile(String v) { requirepassFile = v; return this; }
        public Builder requirepassEnv(String v) { requirepassEnv = v; return this; }
        public Builder aclFile(Path v) { aclFile = v; return this; }
        public Builder authFile(Path v) { authFile = v; return this; }
        public Builder adminTokenFile(Path v) { adminTokenFile = v; return this; }
        public Builder adminReadOpen(boolean v) { adminReadOpen = v; return this; }
        /** Where {@code *_env} keys are looked up (default {@link System#getenv(String)}; tests give a map's). */
        public Builder env(java.util.function.UnaryOperator<String> v) { env = v; return this; }

        private AuthSettings auth() {
            Secret pass = Secret.resolve("requirepass", requirepass, requirepassFile, requirepassEnv, env);
            return new AuthSettings(pass, aclFile, authFile, adminTokenFile, adminReadOpen);
        }
        /** The TLS settings being built (the {@code tls_*} keys). */
        public TlsSettings.Builder tls() { return tls; }

        public NodeConfig build() {
            if (datastoreType == null) {
                // Servers behind the node: the datastore is that server type. None: the embedded store.
                datastoreType = servers.isEmpty() ? "leveldb" : protocol;
            }
            return new NodeConfig(this);
        }
    }
}
