package io.dynoj.coordinator.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.fixture.NodeFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * ZooKeeper stopped for twice the session timeout while clients write and read through the nodes:
 * the data path does not notice, no token moves, and every node registers again once it is back.
 */
class ZooKeeperOutageIT {

    private final List<NodeFixture> nodes = new ArrayList<>();
    private ZooKeeperFixture zookeeper;

    @AfterEach
    void stop() throws Exception {
        nodes.forEach(NodeFixture::close);
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Test
    void anOutageOfTwiceTheSessionTimeoutCostsNoRequestAndNoTokenAndNodesRegisterAgain() throws Exception {
        zookeeper = ZooKeeperFixture.start();
        for (String rack : List.of("r1", "r1", "r2", "r2")) {
            nodes.add(zookeeper.node(rack));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.stream().allMatch(n -> n.node().topology().nodes().size() == 4));
        ClusterState before;
        try (ClusterReader reader = zookeeper.reader()) {
            before = reader.read();
        }
        Set<Long> oldSessions = before.members().keySet().stream().map(before::session).collect(Collectors.toSet());
        Map<NodeFixture, Long> versions = nodes.stream().collect(Collectors.toMap(n -> n, n -> n.node().topology().version()));

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong ops = new AtomicLong();
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> load = new ArrayList<>();
        for (NodeFixture n : nodes) {
            load.add(CompletableFuture.runAsync(() -> {
                try (Jedis jedis = new Jedis("127.0.0.1", n.port())) {
                    for (long i = 0; running.get(); i++) {
                        try {
                            String key = "k-" + n.port() + "-" + (i % 500);
                            jedis.set(key, "v" + i);
                            if (!("v" + i).equals(jedis.get(key))) {
                                errors.add("stale read of " + key);
                            }
                            ops.addAndGet(2);
                        } catch (RuntimeException e) {
                            errors.add(e.toString());
                        }
                    }
                }
            }));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> ops.get() > 1_000);
        long stoppedAt = System.nanoTime();
        zookeeper.server().stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> nodes.stream()
                .allMatch(n -> n.node().metrics().getGauges().get("topology.zookeeper.connected").getValue().equals(0)));
        // The outage itself: long enough that every session is lost (Curator declares it after one timeout).
        long outageMs = 2L * ZooKeeperFixture.SESSION_MS;
        Thread.sleep(Math.max(0, outageMs - (System.nanoTime() - stoppedAt) / 1_000_000));
        long opsDuringOutage = ops.get();
        zookeeper.server().restart();
        long restartedAt = System.nanoTime();

        long[] reregisteredAfterMs = new long[1];
        try (ClusterReader reader = zookeeper.reader()) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                ClusterState now = reader.read();
                return now.members().size() == 4
                        && now.members().keySet().stream().noneMatch(id -> oldSessions.contains(now.session(id)));
            });
            reregisteredAfterMs[0] = (System.nanoTime() - restartedAt) / 1_000_000;
            ClusterState after = reader.read();
            assertThat(after.claims()).as("no token changed hands, no claim was even rewritten").isEqualTo(before.claims());
            assertThat(after.members().values()).allSatisfy(m -> assertThat(m.state()).isEqualTo(Member.State.SERVING));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> ops.get() > opsDuringOutage + 1_000);
        running.set(false);
        CompletableFuture.allOf(load.toArray(CompletableFuture[]::new)).join();

        System.out.printf("ZooKeeperOutageIT: ZooKeeper down %d ms (session timeout %d ms); %d requests, %d errors;"
                        + " every node registered again %d ms after ZooKeeper was back%n",
                (restartedAt - stoppedAt) / 1_000_000, ZooKeeperFixture.SESSION_MS, ops.get(), errors.size(),
                reregisteredAfterMs[0]);
        assertThat(errors).isEmpty();
        assertThat(reregisteredAfterMs[0]).isLessThan(5_000);
        for (NodeFixture n : nodes) {
            assertThat(n.node().topology().version()).as("no topology change").isEqualTo(versions.get(n));
            assertThat(n.node().metrics().counter("topology.zookeeper.rejoins").getCount()).isEqualTo(1);
        }
    }
}
