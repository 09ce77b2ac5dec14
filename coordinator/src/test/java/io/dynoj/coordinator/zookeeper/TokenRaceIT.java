package io.dynoj.coordinator.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Counter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Twenty nodes race for tokens at once, each with its own ZooKeeper session, at the level of the
 * registration (full nodes would be too heavy for two cores): no token ends up with two owners.
 */
class TokenRaceIT {

    private static final int NODES = 20;

    private final List<CuratorFramework> clients = new ArrayList<>();
    private ZooKeeperFixture zookeeper;

    @AfterEach
    void stop() throws Exception {
        clients.forEach(CuratorFramework::close);
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Test
    void twentyNodesStartedAtOnceNeverShareAToken() throws Exception {
        zookeeper = ZooKeeperFixture.start();
        ZooKeeperSettings settings = new ZooKeeperSettings(zookeeper.connect(), null, ZooKeeperFixture.SESSION_MS, ZooKeeperFixture.SESSION_MS,
                "/dynoj", ZooKeeperFixture.CLUSTER, null, ZooKeeperFixture.REPLACE_AFTER_MS);
        ClusterPaths paths = new ClusterPaths(settings.root(), settings.cluster());
        Counter conflicts = new Counter();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(NODES);
        List<CompletableFuture<Member>> joins = new ArrayList<>();
        try {
            for (int i = 0; i < NODES; i++) {
                // Two racks of ten: both race within their rack, and both must end up alike.
                String rack = "r" + (i % 2 + 1);
                String id = "dc1/" + rack + "/node-" + i;
                CuratorFramework client = ZooKeeperClients.newClient(settings);
                clients.add(client);
                client.start();
                assertThat(client.blockUntilConnected(5, TimeUnit.SECONDS)).isTrue();
                Registration registration = new Registration(client, paths,
                        new ClaimPlanner(id, "dc1", rack, null), settings, conflicts);
                Member member = new Member(id, "dc1", rack, "127.0.0.1", 20_000 + i, 0, 0, List.of(), Member.State.JOINING);
                joins.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        return registration.join(member);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            go.countDown();
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        try (ClusterReader reader = zookeeper.reader()) {
            ClusterState state = reader.read();
            assertThat(state.members()).hasSize(NODES);
            Set<String> held = new HashSet<>();
            for (Member m : state.members().values()) {
                assertThat(m.tokens()).hasSize(1);
                assertThat(held.add(m.dc() + "/" + m.rack() + "/" + m.tokens().get(0)))
                        .as("%s's token is another live member's too", m.nodeId()).isTrue();
            }
            for (TokenClaim c : state.claims()) {
                assertThat(state.members().get(c.ownerId()).tokens()).containsExactly(c.token());
            }
            assertThat(state.claims(("dc1"), "r1")).extracting(TokenClaim::token)
                    .isEqualTo(state.claims("dc1", "r2").stream().map(TokenClaim::token).toList())
                    .hasSize(NODES / 2);
        }
        System.out.printf("TokenRaceIT: %d nodes claimed tokens with %d lost races retried%n", NODES, conflicts.getCount());
        assertThat(conflicts.getCount()).as("the racers did meet").isPositive();
    }
}
