package io.dynoj.client;

import io.dynoj.client.pool.HostPools;
import io.dynoj.client.topology.ClusterView;
import io.dynoj.client.topology.TopologyRefresher;
import io.dynoj.core.config.ConsistencyLevel;
import java.io.IOException;
import java.util.function.Function;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.SafeEncoder;

/**
 * A Jedis client of a Dynoj cluster: the whole {@link UnifiedJedis} command API, each command sent straight
 * to the node that serves its key (reads to the key's owner in the local rack, writes to its primary), with
 * per-node pools, health tracking and failover to other racks. Built by {@link #builder()}, which fails at
 * once when the cluster cannot be described or the local rack is not in it.
 *
 * <p>Differences from a plain Jedis client: {@link #pipelined()} is bound to one node (see
 * {@link DynojPipeline}); {@link #scan} walks every node of the local rack; MULTI/EXEC is refused by this
 * client (a node runs a transaction whose keys share one hash tag, through a plain Jedis connection to it). Commands without keys, and multi-key commands whose keys belong to different nodes, go to
 * a node of the local rack, which splits them (MGET, MSET, DEL...) or runs them on its own datastore (INFO,
 * DBSIZE...). Thread-safe, like {@code JedisPooled}; close it once.
 */
public class DynojClient extends UnifiedJedis {

    private final DynojCommandExecutor dynoj;
    private final HostPools pools;
    private final TopologyRefresher refresher;
    private final ClientMetrics metrics;
    private final ClusterScan scans;

    /** What the builder wires together. */
    record Parts(DynojCommandExecutor executor, DynojConnectionProvider provider, HostPools pools,
                 TopologyRefresher refresher, ClientMetrics metrics, JedisClientConfig clientConfig) {
    }

    DynojClient(Parts parts) {
        super(parts.executor(), parts.provider(), parts.clientConfig(), null);
        this.dynoj = parts.executor();
        this.pools = parts.pools();
        this.refresher = parts.refresher();
        this.metrics = parts.metrics();
        this.scans = new ClusterScan(dynoj);
    }

    /** Starts configuring a client. */
    public static DynojClientBuilder builder() {
        return new DynojClientBuilder();
    }

    /** The snapshot of the cluster commands are routed on now. */
    public ClusterView topology() {
        return refresher.current();
    }

    /** Asks the cluster for its topology now instead of at the next interval; answers whether it changed. */
    public boolean refreshTopology() {
        try {
            return refresher.refresh();
        } catch (IOException e) {
            throw new DynojClientException("cannot refresh the topology: " + e.getMessage(), e);
        }
    }

    /** The client's metrics (per command, per node, failovers). */
    public ClientMetrics metrics() {
        return metrics;
    }

    /**
     * Runs {@code operation} and says which node served its (last) command, in how many tries and how long:
     * {@code client.withResult(c -> c.get("k"))}.
     */
    public <T> OperationResult<T> withResult(Function<? super DynojClient, T> operation) {
        OperationResult.Recorder previous = OperationResult.RECORDER.get();
        OperationResult.Recorder recorder = new OperationResult.Recorder();
        OperationResult.RECORDER.set(recorder);
        try {
            T value = operation.apply(this);
            return new OperationResult<>(value, recorder.node, java.time.Duration.ofNanos(recorder.nanos), recorder.attempts);
        } finally {
            if (previous == null) {
                OperationResult.RECORDER.remove();
            } else {
                OperationResult.RECORDER.set(previous);
            }
        }
    }

    /**
     * Runs {@code operation} with other consistency levels than the client's, for its commands only:
     * {@code client.withConsistency(null, ConsistencyLevel.DC_QUORUM, c -> c.set("k", "v"))}. Each command is
     * sent between {@code DYNOJ CONSISTENCY} commands in the same round trip (pipelines keep the client's
     * levels).
     *
     * @param read  the read level, or {@code null} for the client's
     * @param write the write level, or {@code null} for the client's
     */
    public <T> T withConsistency(ConsistencyLevel read, ConsistencyLevel write, Function<? super DynojClient, T> operation) {
        CallConsistency previous = CallConsistency.CURRENT.get();
        CallConsistency.CURRENT.set(new CallConsistency(read, write));
        try {
            return operation.apply(this);
        } finally {
            if (previous == null) {
                CallConsistency.CURRENT.remove();
            } else {
                CallConsistency.CURRENT.set(previous);
            }
        }
    }

    /** A pipeline bound to the node of its first key; see {@link DynojPipeline}. */
    @Override
    public DynojPipeline pipelined() {
        return new DynojPipeline(commandObjects, dynoj);
    }

    /**
     * Refused: this client does not bind a transaction to one node yet. A node runs MULTI/EXEC whose keys share
     * one hash tag; a plain Jedis connection to any node can send it.
     */
    @Override
    public AbstractTransaction multi() {
        throw new UnsupportedOperationException("MULTI/EXEC is not supported by DynojClient; send it through a "
                + "Jedis connection to a node, with keys of one hash tag");
    }

    /** Refused, as {@link #multi()}. */
    @Override
    public AbstractTransaction transaction(boolean doMulti) {
        return multi();
    }

    /** A cluster-wide SCAN step; see {@link ClusterScan} for the cursor. */
    @Override
    public ScanResult<String> scan(String cursor) {
        return scan(cursor, new ScanParams());
    }

    @Override
    public ScanResult<String> scan(String cursor, ScanParams params) {
        return ClusterScan.strings(scans.scan(cursor, c -> commandObjects.scan(SafeEncoder.encode(c), params)));
    }

    @Override
    public ScanResult<String> scan(String cursor, ScanParams params, String type) {
        return ClusterScan.strings(scans.scan(cursor,
                c -> commandObjects.scan(SafeEncoder.encode(c), params, SafeEncoder.encode(type))));
    }

    @Override
    public ScanResult<byte[]> scan(byte[] cursor) {
        return scan(cursor, new ScanParams());
    }

    @Override
    public ScanResult<byte[]> scan(byte[] cursor, ScanParams params) {
        return scans.scan(SafeEncoder.encode(cursor), c -> commandObjects.scan(SafeEncoder.encode(c), params));
    }

    @Override
    public ScanResult<byte[]> scan(byte[] cursor, ScanParams params, byte[] type) {
        return scans.scan(SafeEncoder.encode(cursor), c -> commandObjects.scan(SafeEncoder.encode(c), params, type));
    }

    @Override
    public void close() {
        refresher.close();
        pools.close();
        super.close();
    }
}
