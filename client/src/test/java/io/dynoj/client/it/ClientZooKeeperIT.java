package io.dynoj.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dynoj.client.DynojClient;
import io.dynoj.client.DynojClientException;
import io.dynoj.client.OperationResult;
import io.dynoj.client.topology.ClusterView;
import io.dynoj.client.topology.Host;
import io.dynoj.client.zookeeper.ZooKeeperTopologySupplier;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.core.state.ServingState;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.testkit.FreePorts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that knows only ZooKeeper: 2 racks x 2 redis nodes (memory store) that registered there with no
 * tokens; keys go straight to their owners; a node leaves and its replacement takes its token.
 */
class ClientZooKeeperIT {

    private static final String CLUSTER = "it";
    private static final long HALF = 1L << 31;

    private final List<NodeFixture> nodes = new ArrayList<>();
    private TestingServer zookeeper;
    private DynojClient client;

    @AfterEach
    void stop() throws Exception {
        LoopbackCluster.closeAll(client);
        nodes.forEach(NodeFixture::close);
        LoopbackCluster.closeAll(zookeeper);
    }

    @Test
    void aClientBuiltFromZooKeeperRoutesEachKeyToItsOwnerAndFollowsAReplacement() throws Exception {
        // tick 100 ms: the server grants the nodes' 2 s sessions
        zookeeper = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 100, -1), true);
        for (String rack : List.of("r1", "r1", "r2", "r2")) {
            nodes.add(node(rack));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.stream().allMatch(n -> n.node().topology().nodes().size() == 4));

        client = DynojClient.builder().zookeeper(zookeeper.getConnectString() + "/dynoj", CLUSTER).localRack("r1")
                .clientConfig(LoopbackCluster.clientConfig()).adminTimeout(Duration.ofSeconds(10))
                .refreshInterval(Duration.ofMillis(200)).build();
        ClusterView view = client.topology();
        assertThat(view.hosts()).extracting(h -> h.client().getPort())
                .containsExactlyInAnyOrderElementsOf(nodes.stream().map(NodeFixture::port).toList());
        assertThat(view.hosts()).allMatch(Host::reachable).allMatch(h -> h.admin() != null);
        assertThat(view.described().hashTag()).as("learned from a member's /cluster_describe").isEqualTo("{}");

        long hopsBefore = hops();
        for (int i = 0; i < 200; i++) {
            assertThat(client.set("zk:" + i, "v" + i)).isEqualTo("OK");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "v199".equals(client.get("zk:199")));
        for (int i = 0; i < 200; i++) {
            String key = "zk:" + i;
            OperationResult<String> read = client.withResult(c -> c.get(key));
            assertThat(read.value()).isEqualTo("v" + i);
            assertThat(read.node().getPort()).as("the r1 owner of %s, by the nodes' own ring", key).isEqualTo(owner("r1", key).port());
        }
        assertThat(hops() - hopsBefore).as("server-side hops for 400 single-key operations").isZero();

        // The r1 node of token 2^31 leaves: it keeps its token, without a client address; its keys are read in r2.
        NodeFixture victim = nodes.stream().filter(n -> n.node().config().rack().equals("r1")
                && n.node().topology().local().tokens().equals(List.of(HALF))).findFirst().orElseThrow();
        String victimKey = keyOf(victim);
        nodes.remove(victim);
        victim.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !ownerHost(client.topology(), victimKey).reachable());
        assertThat(client.get(victimKey)).isEqualTo("ok");

        NodeFixture replacement = node("r1");
        nodes.add(replacement);
        long started = System.nanoTime();
        assertThat(replacement.node().topology().local().tokens()).containsExactly(HALF);
        await().atMost(Duration.ofSeconds(10)).until(() -> ownerHost(client.topology(), victimKey).client().getPort()
                == replacement.port());
        System.out.printf("ClientZooKeeperIT: the client routed to the replacement %d ms after its start returned"
                + " (refresh interval 200 ms)%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(ownerHost(client.topology(), victimKey).reachable()).isTrue();
        OperationResult<String> write = client.withResult(c -> c.set(victimKey, "replaced"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "replaced".equals(client.get(victimKey)));
        // It started empty while r2 held its keys: it warms up (WRITES_ONLY, reads served by r2) before it reads.
        await().atMost(Duration.ofSeconds(10)).until(() -> replacement.node().servingState() == ServingState.NORMAL
                && ownerHost(client.topology(), victimKey).state() == ServingState.NORMAL);
        assertThat(client.get(victimKey)).isEqualTo("replaced");
        OperationResult<String> read = client.withResult(c -> c.get(victimKey));
        assertThat(read.node().getPort()).isEqualTo(replacement.port());
        assertThat(read.attempts()).isEqualTo(1);
        assertThat(write.attempts()).isEqualTo(1);

        // ZooKeeper gone: a refresh fails naming it, and the client keeps routing on its last topology.
        zookeeper.stop();
        assertThatThrownBy(client::refreshTopology).isInstanceOf(DynojClientException.class)
                .hasMessageContaining("ZooKeeper at " + zookeeper.getConnectString());
        assertThat(client.get(victimKey)).isEqualTo("replaced");
    }

    @Test
    void withoutZooKeeperTheBuildFailsNamingIt() {
        String nowhere = "127.0.0.1:" + FreePorts.next();
        assertThatThrownBy(() -> DynojClient.builder().localRack("r1").topologySupplier(ZooKeeperTopologySupplier
                .builder(nowhere, CLUSTER).timeout(Duration.ofMillis(500)).hash("murmur", "{}").build()).build())
                .isInstanceOf(DynojClientException.class)
                .hasMessageStartingWith("cannot learn the Dynoj cluster: ZooKeeper at " + nowhere + " (cluster 'it')");
    }

    private NodeFixture node(String rack) {
        return NodeFixture.builder("redis", Backend.store("memory"))
                .configure(c -> c.datacenter("dc1").rack(rack).poolName(CLUSTER).dynSeedProvider("zookeeper")
                        .dynListen(new HostPort("127.0.0.1", FreePorts.next())).hashTag("{}")
                        .section("zookeeper", JsonNodeFactory.instance.objectNode()
                                .put("connect", zookeeper.getConnectString()).put("session_timeout", 2000)
                                .put("connection_timeout", 2000).put("replace_after", 1000)))
                .start();
    }

    /** The fixture that owns {@code key} in {@code rack}, by a node's own topology (not the client's). */
    private NodeFixture owner(String rack, String key) {
        NodeFixture any = nodes.stream().filter(n -> n.node().config().rack().equals(rack)).findFirst().orElseThrow();
        long token = client.topology().token(key.getBytes(StandardCharsets.UTF_8));
        ClusterNode owner = any.node().topology().localRack().owner(token);
        return nodes.stream().filter(n -> n.node().topology().local().id().equals(owner.id())).findFirst().orElseThrow();
    }

    /** A key {@code fixture} owns, written through the client. */
    private String keyOf(NodeFixture fixture) {
        for (int i = 0; ; i++) {
            String key = "victim:" + i;
            if (owner("r1", key) == fixture) {
                client.set(key, "ok");
                await().atMost(Duration.ofSeconds(10)).until(() -> "ok".equals(client.get(key)));
                return key;
            }
        }
    }

    private static Host ownerHost(ClusterView view, String key) {
        return view.owner(view.topology().localRack(), view.token(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** Requests the nodes forwarded for a client (every forward minus replication), over the live nodes. */
    private long hops() {
        return nodes.stream().mapToLong(n -> n.node().metrics().counter("router.forwarded").getCount()
                - n.node().metrics().counter("router.replicated").getCount()).sum();
    }
}
