package io.dynoj.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.client.DynojClient;
import io.dynoj.client.OperationResult;
import io.dynoj.client.routing.Placement;
import io.dynoj.client.topology.AdminHttp;
import io.dynoj.client.topology.ClusterView;
import io.dynoj.client.topology.Host;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.state.ServingState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Nodes an operator takes out for maintenance ({@code /state/writes_only}, {@code /state/standby}) get no
 * reads from the client, and the application sees no error: before the client has read the new state a
 * refusal moves the command to the next rack, after it the node is not tried at all.
 */
class ClientNodeStatesIT {

    static LoopbackCluster cluster;
    static DynojClient client;
    static final AdminHttp ADMIN = new AdminHttp(Duration.ofSeconds(10));

    @BeforeAll
    static void start() {
        cluster = new LoopbackCluster(LoopbackCluster.racks(3, 2), ConsistencyLevel.DC_ONE);
        // A refresh interval longer than the test: it refreshes when the test says so.
        client = cluster.client(0, "rack1").refreshInterval(Duration.ofHours(1)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        LoopbackCluster.closeAll(client, cluster);
    }

    @AfterEach
    void backToNormal() throws Exception {
        for (int i = 0; i < cluster.size(); i++) {
            ADMIN.get(admin(i), "/state/normal");
        }
        client.refreshTopology();
    }

    private static HostAndPort admin(int node) {
        return new HostAndPort(LoopbackCluster.host(node), cluster.adminPort);
    }

    private static int index(Host host) {
        return Integer.parseInt(host.client().getHost().substring("127.0.0.".length())) - 1;
    }

    /** Writes {@code key} and waits until every node's rack has it. */
    private static void writeEverywhere(String key, String value) {
        client.set(key, value);
        for (int i = 0; i < cluster.size(); i++) {
            try (Jedis plain = new Jedis(cluster.client(i), LoopbackCluster.clientConfig())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> value.equals(plain.get(key)));
            }
        }
    }

    @Test
    void aWritesOnlyNodeGetsNoReadsAndTheApplicationSeesNoError() throws Exception {
        String key = "maint:read";
        writeEverywhere(key, "v");
        ClusterView view = client.topology();
        Host owner = Placement.readOwner(view, view.token(key.getBytes(StandardCharsets.UTF_8)));
        ADMIN.get(admin(index(owner)), "/state/writes_only");

        // Not yet known to the client: the node's own store serves no reads, so the node sends the read to a
        // replica of another rack (issue 15) and the application gets the value at the first attempt.
        OperationResult<String> forwarded = client.withResult(c -> c.get(key));
        assertThat(forwarded.value()).isEqualTo("v");
        assertThat(forwarded.attempts()).isEqualTo(1);

        // Once read with the topology, the node is not even tried.
        assertThat(client.refreshTopology()).isTrue();
        assertThat(client.topology().localRackHosts()).filteredOn(h -> h.equals(owner))
                .extracting(Host::state).containsExactly(ServingState.WRITES_ONLY);
        for (int i = 0; i < 20; i++) {
            OperationResult<String> read = client.withResult(c -> c.get(key));
            assertThat(read.value()).isEqualTo("v");
            assertThat(read.attempts()).isEqualTo(1);
            assertThat(read.node()).isNotEqualTo(owner.client());
        }
        // It still takes writes.
        assertThat(client.set(key, "w")).isEqualTo("OK");
    }

    @Test
    void aStandbyNodeGetsNoReads() throws Exception {
        String key = "maint:standby";
        writeEverywhere(key, "s");
        ClusterView view = client.topology();
        Host owner = Placement.readOwner(view, view.token(key.getBytes(StandardCharsets.UTF_8)));
        ADMIN.get(admin(index(owner)), "/state/standby");
        // Before the client knows: answered all the same (the node sends the read to another rack).
        OperationResult<String> read = client.withResult(c -> c.get(key));
        assertThat(read.value()).isEqualTo("s");

        client.refreshTopology();
        OperationResult<String> again = client.withResult(c -> c.get(key));
        assertThat(again.value()).isEqualTo("s");
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.node()).isNotEqualTo(owner.client());
        // Writes whose primary is in STANDBY fail on every node today: the nodes send a key's writes to its
        // primary whatever its state (only an unreachable primary is passed over). See docs/CLIENT.md.
    }
}
