package io.dynoj.memcached.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.RawSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import net.rubyeye.xmemcached.MemcachedClient;
import net.spy.memcached.internal.OperationFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A memcached cluster of 1 DC x 2 racks x 2 nodes: values written through spymemcached on one node
 * are readable through xmemcached on every node, each key lies on exactly one memcached per rack, and
 * a multi-key get through any node returns every value, wherever its key lives.
 */
class MemcachedClusterIT {

    private static final int KEYS = 400;

    private static ClusterFixture cluster;

    @BeforeAll
    static void start() {
        cluster = ClusterFixture.builder(Place.racks("dc1", 2, 2), "memcached", Backend.memcachedServer())
                .configure(c -> c.allowFlushAll(true)).start();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static String key(int i) {
        return "cluster:" + i;
    }

    private static String value(int i) {
        return "value:" + i + ":\r\nline two";
    }

    @Test
    void writesThroughOneNodeAreReadableEverywhereAndLieOnOneServerPerRack() throws Exception {
        net.spy.memcached.MemcachedClient spy = Clients.spy(cluster.clientAddress(0));
        try {
            List<OperationFuture<Boolean>> sets = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                sets.add(spy.set(key(i), 0, value(i)));
            }
            for (int i = 0; i < KEYS; i++) {
                assertThat(sets.get(i).get()).as("set %s", key(i)).isTrue();
            }
        } finally {
            spy.shutdown(5, TimeUnit.SECONDS);
        }

        // DC_ONE answers after the local rack: the other rack catches up in the background.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (List<Integer> rack : cluster.racks()) {
                for (int i = 0; i < KEYS; i += 9) {
                    assertThat(holders(rack, i)).as("servers of rack %s holding %s", rack, key(i)).isEqualTo(1);
                }
            }
        });
        for (List<Integer> rack : cluster.racks()) {
            int[] perServer = new int[rack.size()];
            for (int i = 0; i < KEYS; i++) {
                int holders = 0;
                for (int s = 0; s < rack.size(); s++) {
                    byte[] raw = cluster.memcached(rack.get(s)).get(key(i));
                    if (raw != null) {
                        holders++;
                        perServer[s]++;
                        assertThat(new String(raw, StandardCharsets.UTF_8)).isEqualTo(value(i));
                    }
                }
                assertThat(holders).as("servers of rack %s holding %s", rack, key(i)).isEqualTo(1);
            }
            for (int count : perServer) {
                assertThat(count).as("keys on each server of rack %s", rack).isPositive();
            }
        }

        for (int node = 0; node < cluster.size(); node++) {
            MemcachedClient xm = Clients.xmemcached(cluster.clientAddress(node));
            try {
                for (int i = 0; i < KEYS; i++) {
                    assertThat(xm.<String>get(key(i))).as("%s through node %d", key(i), node).isEqualTo(value(i));
                }
            } finally {
                Clients.shutdown(xm);
            }
        }
    }

    @Test
    void multiKeyGetsAcrossNodesReturnEveryValue() throws Exception {
        List<String> keys = new ArrayList<>();
        Map<String, String> expected = new HashMap<>();
        MemcachedClient writer = Clients.xmemcached(cluster.clientAddress(1));
        try {
            for (int i = 0; i < 120; i++) {
                String key = "multi:" + i;
                keys.add(key);
                if (i % 4 != 0) {
                    assertThat(writer.set(key, 0, "m" + i)).isTrue();
                    expected.put(key, "m" + i);
                }
            }
        } finally {
            Clients.shutdown(writer);
        }
        for (int node = 0; node < cluster.size(); node++) {
            int n = node;
            MemcachedClient xm = Clients.xmemcached(cluster.clientAddress(node));
            net.spy.memcached.MemcachedClient spy = Clients.spy(cluster.clientAddress(node));
            try {
                // Reads in the writer's rack are immediate; the other rack may still be catching up.
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    Map<String, String> got = xm.get(keys);
                    assertThat(got).as("xmemcached multi-get through node %d", n).isEqualTo(expected);
                });
                assertThat(spy.getBulk(keys)).as("spymemcached getBulk through node %d", n)
                        .isEqualTo(new HashMap<String, Object>(expected));
            } finally {
                Clients.shutdown(xm);
                spy.shutdown(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Keys live on every node of the ring: most of these requests are served by a peer. */
    @Test
    void noreplyAndQuietRequestsKeepTheirSemanticsAcrossPeers() throws Exception {
        MemcachedClient writer = Clients.xmemcached(cluster.clientAddress(2));
        try {
            for (int i = 0; i < 100; i++) {
                writer.setWithNoReply("nr:" + i, 0, "n" + i);
            }
            for (int i = 0; i < 100; i++) {
                assertThat(writer.<String>get("nr:" + i)).as("nr:%d", i).isEqualTo("n" + i);
            }
        } finally {
            Clients.shutdown(writer);
        }
        for (int node = 0; node < cluster.size(); node++) {
            try (RawSocket raw = new RawSocket(cluster.clientPort(node))) {
                StringBuilder request = new StringBuilder();
                for (int i = 0; i < 40; i++) {
                    // Hits are answered, misses are not; the other rack may still be catching up.
                    request.append("mg nr:").append(i).append(" v q k\r\n");
                    request.append("mg missing:").append(i).append(" v q k\r\n");
                }
                request.append("mn\r\n");
                int n = node;
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    raw.send(request.toString());
                    StringBuilder want = new StringBuilder();
                    for (int i = 0; i < 40; i++) {
                        String v = "n" + i;
                        want.append("VA ").append(v.length()).append(" knr:").append(i).append("\r\n")
                                .append(v).append("\r\n");
                    }
                    want.append("MN\r\n");
                    assertThat(raw.readUntil("MN\r\n")).as("quiet gets through node %d", n).isEqualTo(want.toString());
                });
            }
        }
    }

    @Test
    void flushAllWhenAllowedEmptiesEveryNode() throws Exception {
        try (RawSocket client = new RawSocket(cluster.clientPort(1))) {
            for (int i = 0; i < 50; i++) {
                assertThat(client.call("set flush:" + i + " 0 0 1\r\nx\r\n")).isEqualTo("STORED");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> IntStream.range(0, cluster.size())
                    .filter(n -> cluster.memcached(n).get("flush:7") != null).count() == 2);
            assertThat(client.call("flush_all\r\n")).isEqualTo("OK");
        }
        for (int i = 0; i < 50; i++) {
            for (int node = 0; node < cluster.size(); node++) {
                assertThat(cluster.memcached(node).get("flush:" + i)).as("flush:%d on node %d", i, node).isNull();
            }
        }
    }

    private static int holders(List<Integer> rack, int i) {
        int holders = 0;
        for (int node : rack) {
            if (cluster.memcached(node).get(key(i)) != null) {
                holders++;
            }
        }
        return holders;
    }
}
