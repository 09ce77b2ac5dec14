package io.dynoj.client;

import io.dynoj.client.pool.HostPools;
import io.dynoj.client.routing.Operation;
import io.dynoj.client.topology.ClusterView;
import java.util.Map;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.providers.ConnectionProvider;

/**
 * Jedis's view of the pools, for the few places of {@code UnifiedJedis} that take a connection themselves
 * instead of going through the executor: a connection to the node serving a command (the first node the
 * executor would try), or to a node of the local rack. No failover here: a connection is handed out as is.
 */
final class DynojConnectionProvider implements ConnectionProvider {

    private final DynojCommandExecutor executor;
    private final HostPools pools;

    DynojConnectionProvider(DynojCommandExecutor executor, HostPools pools) {
        this.executor = executor;
        this.pools = pools;
    }

    @Override
    public Connection getConnection() {
        ClusterView view = executor.view();
        return pools.borrow(executor.candidates(view, new Operation("", false, Operation.NO_TOKEN)).get(0));
    }

    @Override
    public Connection getConnection(CommandArguments args) {
        ClusterView view = executor.view();
        return pools.borrow(executor.candidates(view, executor.classify(view, args)).get(0));
    }

    @Override
    public Map<?, ?> getConnectionMap() {
        return pools.asMap();
    }

    @Override
    public Map<?, ?> getPrimaryNodesConnectionMap() {
        return pools.asMap();
    }

    @Override
    public void close() {
        pools.close();
    }
}
