package io.dynoj.redis.it;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.config.ServerAddress;
import io.dynoj.core.node.DynojNode;
import io.dynoj.testkit.RedisServer;
import java.util.List;
import java.util.function.UnaryOperator;

/** A real redis-server with an in-process Dynoj node in front of it, on free loopback ports. */
final class NodeFixture implements AutoCloseable {

    final RedisServer redis;
    final DynojNode node;

    NodeFixture(UnaryOperator<NodeConfig.Builder> customize) {
        redis = RedisServer.start();
        NodeConfig.Builder builder = NodeConfig.builder()
                .listen(new HostPort("127.0.0.1", 0)).statsListen(new HostPort("127.0.0.1", 0))
                .servers(List.of(new ServerAddress(new HostPort("127.0.0.1", redis.port()), 1, null)))
                .ioThreads(2);
        node = new DynojNode(customize.apply(builder).build()).start();
    }

    NodeFixture() {
        this(b -> b);
    }

    int port() {
        return node.clientAddress().getPort();
    }

    @Override
    public void close() {
        node.close();
        redis.close();
    }
}
