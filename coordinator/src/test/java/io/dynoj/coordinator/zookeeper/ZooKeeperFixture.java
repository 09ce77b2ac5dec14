package io.dynoj.coordinator.zookeeper;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.FreePorts;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * One in-process ZooKeeper server (curator-test) with a short tick, so sessions of {@link #SESSION_MS}
 * are allowed, and Redis nodes on the embedded {@code memory} store that find each other through it.
 * For tests, on the test's thread.
 */
final class ZooKeeperFixture implements AutoCloseable {

    static final String CLUSTER = "it";
    static final int SESSION_MS = 2_000;
    static final int REPLACE_AFTER_MS = 1_000;

    private final TestingServer server;

    private ZooKeeperFixture(TestingServer server) {
        this.server = server;
    }

    static ZooKeeperFixture start() throws Exception {
        // tick 100 ms: the server grants sessions of 200 ms to 2 s
        return new ZooKeeperFixture(new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 100, -1), true));
    }

    TestingServer server() {
        return server;
    }

    String connect() {
        return server.getConnectString();
    }

    /** The {@code zookeeper:} section the nodes get. */
    ObjectNode section() {
        return JsonNodeFactory.instance.objectNode()
                .put("connect", connect())
                .put("session_timeout", SESSION_MS)
                .put("connection_timeout", SESSION_MS)
                .put("replace_after", REPLACE_AFTER_MS);
    }

    /** A node of dc1/{@code rack}, on a free peer port, configured with no tokens. */
    NodeFixture node(String rack) {
        return node(rack, c -> { });
    }

    NodeFixture node(String rack, Consumer<NodeConfig.Builder> more) {
        return NodeFixture.builder("redis", Backend.store("memory"))
                .configure(c -> c.datacenter("dc1").rack(rack).poolName(CLUSTER).dynSeedProvider("zookeeper")
                        .dynListen(new HostPort("127.0.0.1", FreePorts.next())).hashTag("{}")
                        .section("zookeeper", section()))
                .configure(more)
                .start();
    }

    ClusterReader reader() throws InterruptedException {
        return ClusterReader.connect(connect(), CLUSTER, Duration.ofSeconds(5));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
