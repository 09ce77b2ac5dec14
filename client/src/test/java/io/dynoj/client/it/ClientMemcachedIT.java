package io.dynoj.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.client.memcached.DynojMemcached;
import io.dynoj.client.memcached.DynojNodeLocator;
import io.dynoj.client.topology.TopologyRefresher;
import io.dynoj.core.config.ConsistencyLevel;
import java.time.Duration;
import java.util.List;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** spymemcached with the {@link DynojNodeLocator} on a 3-rack x 2-node memcached-protocol cluster: no server-side hop. */
class ClientMemcachedIT {

    static LoopbackCluster cluster;
    static TopologyRefresher topology;

    @BeforeAll
    static void start() {
        cluster = new LoopbackCluster(LoopbackCluster.racks(3, 2), ConsistencyLevel.DC_ONE, "memcached");
        topology = DynojMemcached.topology(List.of(cluster.admin(0)), "rack1", Duration.ofSeconds(30),
                Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        LoopbackCluster.closeAll(topology, cluster);
    }

    private static MemcachedClient client(DynojNodeLocator.Target target) throws Exception {
        return new MemcachedClient(DynojMemcached.connectionFactory(topology::current, target),
                DynojMemcached.addresses(topology.current()));
    }

    @Test
    void readsThroughTheLocalOwnerNeedNoHop() throws Exception {
        MemcachedClient mc = client(DynojNodeLocator.Target.LOCAL_OWNER);
        try {
            for (int i = 0; i < 300; i++) {
                assertThat(mc.set("mc:" + i, 0, "v" + i).get()).isTrue();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> "v299".equals(mc.get("mc:299")));
            long before = cluster.hops();
            for (int i = 0; i < 300; i++) {
                assertThat(mc.get("mc:" + i)).isEqualTo("v" + i);
            }
            assertThat(cluster.hops() - before).as("hops for 300 gets").isLessThanOrEqualTo(3);
        } finally {
            mc.shutdown();
        }
    }

    @Test
    void theKeysPrimaryServesReadsAndWritesWithoutAHop() throws Exception {
        MemcachedClient mc = client(DynojNodeLocator.Target.PRIMARY);
        try {
            long before = cluster.hops();
            for (int i = 0; i < 300; i++) {
                assertThat(mc.set("mp:" + i, 0, "w" + i).get()).isTrue();
                assertThat(mc.get("mp:" + i)).isEqualTo("w" + i);
            }
            assertThat(cluster.hops() - before).as("hops for 300 sets and 300 gets").isLessThanOrEqualTo(6);
        } finally {
            mc.shutdown();
        }
    }
}
