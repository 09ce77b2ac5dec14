package io.dynoj.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.client.DynojClient;
import io.dynoj.core.config.ConsistencyLevel;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

/** A node added to the cluster (static configuration, rolled out node by node) is used within the refresh interval. */
class ClientTopologyChangeIT {

    static final Duration REFRESH = Duration.ofSeconds(1);
    static LoopbackCluster cluster;
    static DynojClient client;

    @BeforeAll
    static void start() {
        cluster = new LoopbackCluster(LoopbackCluster.racks(3, 1), ConsistencyLevel.DC_ONE);
        client = cluster.client(0, "rack1").refreshInterval(REFRESH).build();
    }

    @AfterAll
    static void stop() throws Exception {
        LoopbackCluster.closeAll(client, cluster);
    }

    @Test
    void aNodeAddedToTheLocalRackServesItsKeysWithinTheRefreshInterval() {
        assertThat(client.topology().localRackHosts()).hasSize(1);
        for (int i = 0; i < 100; i++) {
            client.set("before:" + i, "x");
        }
        int added = cluster.add(new LoopbackCluster.Place("dc1", "rack1", 0x8000_0000L));
        HostAndPort newcomer = cluster.client(added);
        long configured = System.nanoTime();
        // Keys whose token is in (0, 2^31] now belong to the newcomer in rack1: half of the client's reads.
        await().atMost(REFRESH.multipliedBy(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            int served = 0;
            for (int i = 0; i < 20; i++) {
                int k = i;
                if (newcomer.equals(client.withResult(c -> c.get("after:" + k)).node())) {
                    served++;
                }
            }
            return served > 0;
        });
        Duration took = Duration.ofNanos(System.nanoTime() - configured);
        assertThat(took).as("from the new configuration to the first command on the new node")
                .isLessThan(REFRESH.plusSeconds(3));
        assertThat(client.topology().localRackHosts()).hasSize(2);
        assertThat(cluster.counters(added).path("client.requests").asLong()).isPositive();
    }
}
