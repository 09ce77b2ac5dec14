package io.dynoj.client.pool;

import io.dynoj.client.topology.Host;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * One Jedis {@link ConnectionPool} (commons-pool2) per node, made on first use: a borrow waits at most the
 * pool config's {@code maxWait} (the borrow timeout), idle connections are PINGed by the pool's evictor
 * ({@code testWhileIdle}). Pools of nodes that left the topology are closed by {@link #retain}; their borrowed
 * connections are destroyed as they are returned. Thread-safe.
 */
public final class HostPools implements AutoCloseable {

    /** Dynoj's own command ({@code DYNOJ CONSISTENCY ...}), answered by the node. */
    public static final ProtocolCommand DYNOJ = () -> "DYNOJ".getBytes(StandardCharsets.US_ASCII);

    private final JedisClientConfig clientConfig;
    private final GenericObjectPoolConfig<Connection> poolConfig;
    private final List<String[]> setup;
    private final Map<HostAndPort, ConnectionPool> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param setup {@code DYNOJ} commands every new connection runs first (its consistency levels)
     */
    public HostPools(JedisClientConfig clientConfig, GenericObjectPoolConfig<Connection> poolConfig, List<String[]> setup) {
        this.clientConfig = clientConfig;
        this.poolConfig = poolConfig;
        this.setup = List.copyOf(setup);
    }

    /**
     * A connection to {@code host}; {@link Connection#close()} gives it back (or destroys it when broken).
     *
     * @throws redis.clients.jedis.exceptions.JedisConnectionException when the node cannot be reached, or has no
     *     client address ({@link Host#reachable()})
     * @throws redis.clients.jedis.exceptions.JedisExhaustedPoolException when the pool stays exhausted for the borrow timeout
     */
    public Connection borrow(Host host) {
        if (closed) {
            throw new IllegalStateException("the Dynoj client is closed");
        }
        if (!host.reachable()) {
            throw new JedisConnectionException("no client address: the node left the cluster or does not serve yet");
        }
        return pools.computeIfAbsent(host.client(), this::newPool).getResource();
    }

    private ConnectionPool newPool(HostAndPort node) {
        return new ConnectionPool(new DynojConnectionFactory(node, clientConfig, setup), poolConfig);
    }

    /** Closes the idle connections to {@code host} (it dropped one: they are likely dead too). */
    public void evictIdle(Host host) {
        ConnectionPool pool = pools.get(host.client());
        if (pool != null) {
            pool.clear();
        }
    }

    /** Closes the pools of nodes not in {@code hosts}. */
    public void retain(Collection<Host> hosts) {
        Set<HostAndPort> keep = hosts.stream().map(Host::client).collect(Collectors.toSet());
        pools.keySet().removeIf(node -> {
            if (keep.contains(node)) {
                return false;
            }
            pools.get(node).close();
            return true;
        });
    }

    /** The pools by {@code host:port}, for Jedis's {@code getConnectionMap}. */
    public Map<String, ConnectionPool> asMap() {
        return pools.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue));
    }

    @Override
    public void close() {
        closed = true;
        pools.values().forEach(ConnectionPool::close);
        pools.clear();
    }
}
