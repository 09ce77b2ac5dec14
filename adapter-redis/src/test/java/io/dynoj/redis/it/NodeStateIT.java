package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.RespClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Dynomite's node states on real nodes in front of real redis-servers, changed through the admin port
 * as an operator would: what clients get in each state, and what happens to replication from a peer.
 */
class NodeStateIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code GET path} on the node's admin port; the body, after checking the status. */
    static String admin(io.dynoj.core.node.DynojNode node, String path, int expectedStatus)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + node.adminAddress().getPort() + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(expectedStatus);
        return response.body();
    }

    private static void refused(Runnable command, String state) {
        assertThatThrownBy(command::run).isInstanceOf(JedisDataException.class)
                .hasMessage("ERR the node is in state " + state
                        + (state.equals("STANDBY") ? " and serves no reads or writes" : " and serves writes only"));
    }

    @Test
    void aNodeAloneRefusesWhatItsStateForbidsAndServesAgainWhenNormal() throws Exception {
        try (NodeFixture fixture = NodeFixture.start("redis", Backend.redisServer()); Jedis jedis = new Jedis("127.0.0.1", fixture.port(), 10_000);
             RespClient redis = fixture.redis().client()) {
            assertThat(jedis.set("k", "before")).isEqualTo("OK");
            assertThat(admin(fixture.node(), "/state/get_state", 200)).isEqualTo("State: NORMAL\n");

            assertThat(admin(fixture.node(), "/state/standby", 200)).isEqualTo("State: STANDBY\n");
            refused(() -> jedis.get("k"), "STANDBY");
            refused(() -> jedis.set("k", "during standby"), "STANDBY");
            refused(jedis::dbSize, "STANDBY");
            assertThat(jedis.ping()).as("the node's own answers still work").isEqualTo("PONG");
            assertThat(redis.get("k")).isEqualTo("before".getBytes());

            assertThat(admin(fixture.node(), "/state/writes_only", 200)).isEqualTo("State: WRITES_ONLY\n");
            assertThat(jedis.set("k", "written")).isEqualTo("OK");
            assertThat(redis.get("k")).as("the write reached redis").isEqualTo("written".getBytes());
            refused(() -> jedis.get("k"), "WRITES_ONLY");
            refused(() -> jedis.exists("k"), "WRITES_ONLY");

            assertThat(admin(fixture.node(), "/state/resuming", 200)).isEqualTo("State: RESUMING\n");
            assertThat(jedis.incr("n")).isEqualTo(1);
            refused(() -> jedis.get("n"), "RESUMING");

            assertThat(admin(fixture.node(), "/state/normal", 200)).isEqualTo("State: NORMAL\n");
            assertThat(jedis.get("k")).isEqualTo("written");
            assertThat(jedis.get("n")).isEqualTo("1");
            assertThat(admin(fixture.node(), "/state/get_state", 200)).isEqualTo("State: NORMAL\n");
            assertThat(fixture.node().metrics().counter("state.refused").getCount()).isEqualTo(6);
        }
    }

    @Test
    void pipelinedRequestsAreRefusedInOrderAndTheConnectionStaysUsable() throws Exception {
        try (NodeFixture fixture = NodeFixture.start("redis", Backend.redisServer()); Jedis jedis = new Jedis("127.0.0.1", fixture.port(), 10_000)) {
            admin(fixture.node(), "/state/writes_only", 200);
            Pipeline p = jedis.pipelined();
            Response<String> set = p.set("a", "1");
            Response<String> get = p.get("a");
            Response<Long> incr = p.incr("n");
            Response<String> set2 = p.set("b", "2");
            p.sync();
            assertThat(set.get()).isEqualTo("OK");
            assertThatThrownBy(get::get).isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR the node is in state WRITES_ONLY and serves writes only");
            assertThat(incr.get()).isEqualTo(1);
            assertThat(set2.get()).isEqualTo("OK");
            admin(fixture.node(), "/state/normal", 200);
            assertThat(jedis.get("b")).isEqualTo("2");
        }
    }

    @Test
    void aWritesOnlyNodeTakesReplicationButNotReadsAndAStandbyNodeTakesNeither() throws Exception {
        try (ClusterFixture cluster = ClusterFixture.builder(Place.racks("dc1", 2, 1), "redis", Backend.redisServer())
                    .start();
             Jedis node0 = new Jedis("127.0.0.1", cluster.clientPort(0), 10_000);
             Jedis node1 = new Jedis("127.0.0.1", cluster.clientPort(1), 10_000);
             RespClient redis1 = cluster.redis(1).client()) {
            admin(cluster.node(1), "/state/writes_only", 200);
            assertThat(node0.set("k", "v")).isEqualTo("OK");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertThat(redis1.get("k")).as("replicated to the writes_only node").isEqualTo("v".getBytes()));
            // Its own store serves no reads: a read of a key it owns is answered by the other rack (issue 15).
            long forwardedBefore = cluster.node(1).metrics().counter("router.reads_failed_over.not_readable").getCount();
            assertThat(node1.get("k")).as("answered by rack r1").isEqualTo("v");
            assertThat(cluster.node(1).metrics().counter("router.reads_failed_over.not_readable").getCount())
                    .isEqualTo(forwardedBefore + 1);
            assertThat(node0.get("k")).as("rack r1 still reads").isEqualTo("v");

            admin(cluster.node(1), "/state/standby", 200);
            long failedBefore = cluster.node(0).metrics().counter("router.replication_failed").getCount();
            assertThat(node0.set("k2", "v2")).as("DC_ONE: the local rack's answer suffices").isEqualTo("OK");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    cluster.node(0).metrics().counter("router.replication_failed").getCount())
                    .isEqualTo(failedBefore + 1));
            assertThat(redis1.get("k2")).as("the standby node's redis got nothing").isNull();
            cluster.consistency(ConsistencyLevel.DC_QUORUM, ConsistencyLevel.DC_QUORUM);
            // The refused k2 left node 1 with a write to catch up on: k3 waits behind it, as a hint.
            assertThatThrownBy(() -> node0.set("k3", "v3")).isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("DC_QUORUM not met")
                    .hasMessageContaining("kept for it as a hint");

            admin(cluster.node(1), "/state/normal", 200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(redis1.get("k2")).as("what the standby node missed, handed off").isEqualTo("v2".getBytes());
                assertThat(redis1.get("k3")).isEqualTo("v3".getBytes());
            });
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> "OK".equals(node0.set("k4", "v4")));
            assertThat(node1.get("k4")).isEqualTo("v4");
        }
    }
}
