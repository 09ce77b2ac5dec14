package io.dynoj.memcached.it;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.config.ServerAddress;
import io.dynoj.core.node.DynojNode;
import io.dynoj.testkit.MemcachedServer;
import java.util.List;
import java.util.function.UnaryOperator;

/** A real memcached with an in-process Dynoj node speaking memcached in front of it, on free loopback ports. */
final class NodeFixture implements AutoCloseable {

    final MemcachedServer memcached;
    final DynojNode node;

    NodeFixture(UnaryOperator<NodeConfig.Builder> customize) {
        memcached = MemcachedServer.start();
        try {
            NodeConfig.Builder builder = NodeConfig.builder()
                    .protocol("memcached")
                    .listen(new HostPort("127.0.0.1", 0)).statsListen(new HostPort("127.0.0.1", 0))
                    .servers(List.of(new ServerAddress(new HostPort("127.0.0.1", memcached.port()), 1, null)))
                    .ioThreads(2);
            node = new DynojNode(customize.apply(builder).build()).start();
        } catch (RuntimeException | Error e) {
            memcached.close();
            throw e;
        }
    }

    NodeFixture() {
        this(b -> b);
    }

    int port() {
        return node.clientAddress().getPort();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() {
        try {
            node.close();
        } finally {
            memcached.close();
        }
    }
}
