package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.RespClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Consistency levels in one datacenter of three racks (one node each, so every node holds every
 * key): what survives one and two failed replicas, and what DC_SAFE_QUORUM says when replicas differ.
 */
class ClusterConsistencyIT {

    private ClusterFixture cluster;
    private Jedis node0;

    @BeforeEach
    void start() {
        cluster = ClusterFixture.builder(Place.racks("dc1", 3, 1), "redis", Backend.redisServer())
                .consistency(ConsistencyLevel.DC_QUORUM, ConsistencyLevel.DC_QUORUM).start();
        node0 = new Jedis("127.0.0.1", cluster.clientPort(0), 10_000);
    }

    @AfterEach
    void stop() {
        node0.close();
        cluster.close();
    }

    private void awaitOnAllBackends(String key, String value) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (int node = 0; node < cluster.size(); node++) {
                try (RespClient c = cluster.redis(node).client()) {
                    assertThat(c.get(key)).as("%s on node %d", key, node).isEqualTo(value.getBytes());
                }
            }
        });
    }

    @Test
    void quorumReadsAndWritesSurviveOneFailedReplica() {
        assertThat(node0.set("k", "v")).isEqualTo("OK");
        awaitOnAllBackends("k", "v");
        cluster.redis(2).stop();
        assertThat(node0.set("k2", "v2")).isEqualTo("OK");
        assertThat(node0.get("k")).isEqualTo("v");
        assertThat(node0.get("k2")).isEqualTo("v2");
        try (RespClient r1 = cluster.redis(1).client()) {
            assertThat(r1.get("k2")).as("acknowledged at DC_QUORUM: on a second replica").isEqualTo("v2".getBytes());
        }
    }

    @Test
    void writesGoOnWhenThePrimarysDatastoreIsDown() {
        // One node per rack, one token: every key's primary is rack r1's node, node 0.
        cluster.redis(0).stop();
        assertThat(node0.set("k", "through the primary")).as("node 0 hands its writes to rack r2").isEqualTo("OK");
        try (Jedis node1 = new Jedis("127.0.0.1", cluster.clientPort(1), 10_000)) {
            assertThat(node1.set("k2", "through another rack")).isEqualTo("OK");
            assertThat(node1.incr("n")).isEqualTo(1);
            assertThat(node1.incr("n")).isEqualTo(2);
        }
        for (int rack : new int[] {1, 2}) {
            try (RespClient r = cluster.redis(rack).client()) {
                assertThat(r.get("k")).isEqualTo("through the primary".getBytes());
                assertThat(r.get("k2")).isEqualTo("through another rack".getBytes());
                assertThat(r.get("n")).isEqualTo("2".getBytes());
            }
        }
        assertThat(cluster.node(0).metrics().counter("router.primary_handoffs").getCount()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void quorumFailsClearlyWithTwoFailedReplicasWhileDcOneStillReadsTheLiveOwner() {
        assertThat(node0.set("k", "v")).isEqualTo("OK");
        awaitOnAllBackends("k", "v");
        cluster.redis(1).stop();
        cluster.redis(2).stop();
        assertThatThrownBy(() -> node0.get("k")).isInstanceOf(JedisDataException.class)
                .hasMessageContaining("DC_QUORUM not met: 2 of 3 replicas failed, 2 answers needed");
        assertThatThrownBy(() -> node0.set("k", "w")).isInstanceOf(JedisDataException.class)
                .hasMessageContaining("DC_QUORUM not met");
        cluster.consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_ONE);
        assertThat(node0.get("k")).isIn("v", "w");
        assertThat(cluster.node(0).metrics().counter("router.quorum_failed").getCount()).isEqualTo(2);
    }

    @Test
    void aConnectionMayChooseItsOwnLevel() {
        assertThat(node0.set("k", "v")).isEqualTo("OK");
        awaitOnAllBackends("k", "v");
        cluster.redis(1).stop();
        cluster.redis(2).stop();
        try (Jedis relaxed = new Jedis("127.0.0.1", cluster.clientPort(0), 10_000)) {
            assertThat(relaxed.sendCommand(() -> "DYNOJ".getBytes(), "CONSISTENCY", "READ", "DC_ONE"))
                    .isEqualTo("OK".getBytes());
            assertThat(relaxed.get("k")).isEqualTo("v");
        }
        assertThatThrownBy(() -> node0.get("k")).as("other connections keep the node's DC_QUORUM")
                .hasMessageContaining("DC_QUORUM not met");
    }

    @Test
    void theAdminEndpointChangesTheNodesLevelWhileItRuns() throws Exception {
        assertThat(node0.set("k", "v")).isEqualTo("OK");
        awaitOnAllBackends("k", "v");
        cluster.redis(1).stop();
        cluster.redis(2).stop();
        assertThatThrownBy(() -> node0.get("k")).hasMessageContaining("DC_QUORUM not met");
        var admin = cluster.node(0).adminAddress();
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + admin.getPort() + "/set_consistency/read/dc_one")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"read\":\"DC_ONE\"");
        assertThat(node0.get("k")).as("same connection, node's new level").isEqualTo("v");
    }

    @Test
    void safeQuorumAnswersTheMajorityAndReportsDisagreement() {
        cluster.consistency(ConsistencyLevel.DC_SAFE_QUORUM, ConsistencyLevel.DC_SAFE_QUORUM);
        assertThat(node0.set("x", "1")).isEqualTo("OK");
        awaitOnAllBackends("x", "1");
        try (RespClient r2 = cluster.redis(1).client()) {
            r2.call("SET", "x", "2");
        }
        assertThat(node0.get("x")).as("two of three agree").isEqualTo("1");
        // Read repair gave rack 2 the majority's value back; change it behind its back once more.
        awaitOnAllBackends("x", "1");
        try (RespClient r2 = cluster.redis(1).client()) {
            r2.call("SET", "x", "2");
        }
        cluster.redis(2).stop();
        assertThatThrownBy(() -> node0.get("x")).isInstanceOf(JedisDataException.class)
                .hasMessageContaining("DC_SAFE_QUORUM not met").hasMessageContaining("disagree");
        assertThat(cluster.node(0).metrics().counter("router.safe_quorum_disagreements").getCount()).isEqualTo(1);
    }
}
