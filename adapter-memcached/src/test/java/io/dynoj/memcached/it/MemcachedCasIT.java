package io.dynoj.memcached.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.RawSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code gets} + {@code cas} through a cluster of three racks whose cas values differ (each memcached
 * server, each node's engine, mints its own): the cas is checked on the key's primary, whose value
 * {@code gets} returned, and every rack ends with the new value; a stale cas is refused everywhere.
 */
class MemcachedCasIT {

    @TempDir
    Path data;

    static Stream<Arguments> backends() {
        return Stream.of(Arguments.of("memcached servers", Backend.memcachedServer()),
                Arguments.of("embedded LevelDB", Backend.store("leveldb")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aCasThroughAnyNodeReachesEveryRackAndAStaleOneNone(String name, Backend backend) {
        try (ClusterFixture cluster = ClusterFixture.builder(Place.racks("dc1", 3, 1), "memcached", backend)
                .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_QUORUM).dataRoot(data).start()) {
            // Racks with different histories, as real ones have: each server has minted a different number
            // of cas values (writes straight to a server, behind the cluster's back).
            boolean servers = name.startsWith("memcached");
            for (int rack = 0; rack < 3 && servers; rack++) {
                try (RawSocket server = new RawSocket(cluster.server(rack).port())) {
                    for (int i = 0; i <= rack * 3; i++) {
                        assertThat(server.call("set warm" + i + " 0 0 1\r\nx\r\n")).isEqualTo("STORED");
                    }
                }
            }
            try (RawSocket n0 = new RawSocket(cluster.clientPort(0)); RawSocket n1 = new RawSocket(cluster.clientPort(1));
                 RawSocket n2 = new RawSocket(cluster.clientPort(2))) {
                assertThat(n0.call("set k 5 0 2\r\nv0\r\n")).isEqualTo("STORED");
                String cas = casOf(n1.send("gets k\r\n").readUntil("END\r\n"));
                assertThat(n2.call("cas k 7 0 2 " + cas + "\r\nv1\r\n")).as("cas through a third rack")
                        .isEqualTo("STORED");
                awaitEveryRack(cluster, "VALUE k 7 2\r\nv1\r\nEND\r\n");
                assertThat(n0.call("cas k 9 0 2 " + cas + "\r\nv2\r\n")).as("the same cas again is stale")
                        .isEqualTo("EXISTS");
                String fresh = casOf(n0.send("gets k\r\n").readUntil("END\r\n"));
                assertThat(fresh).isNotEqualTo(cas);
                assertThat(n1.call("cas k 0 0 2 " + fresh + "\r\nv3\r\n")).isEqualTo("STORED");
                awaitEveryRack(cluster, "VALUE k 0 2\r\nv3\r\nEND\r\n");
                assertThat(n2.call("mg k c v\r\n")).as("meta get with c: the primary's cas").startsWith("VA 2 c");
            }
        }
    }

    /** The cas value of a one-item {@code gets} reply. */
    private static String casOf(String gets) {
        assertThat(gets).startsWith("VALUE k ");
        return gets.substring(0, gets.indexOf("\r\n")).split(" ")[4];
    }

    /** Each rack's copy, read through its only node with a plain get (served by the node's own rack). */
    private static void awaitEveryRack(ClusterFixture cluster, String expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (int rack = 0; rack < 3; rack++) {
                try (RawSocket node = new RawSocket(cluster.clientPort(rack))) {
                    assertThat(node.send("get k\r\n").readUntil("END\r\n")).as("rack %d", rack).isEqualTo(expected);
                }
            }
        });
    }
}
