package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.RespClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Values of tens of megabytes go through a node and come back byte for byte: on the embedded store, in
 * front of a redis-server (the reply framed from many reads), and replicated to other racks (one peer
 * frame per value).
 */
class LargeValuesIT {

    private static final int MB = 1024 * 1024;
    private static final byte[] KEY = "big".getBytes(StandardCharsets.UTF_8);

    @Test
    void aLargeValueRoundTripsThroughANodeOnTheEmbeddedStore() {
        try (NodeFixture node = NodeFixture.start("redis", Backend.store("leveldb"));
             RespClient client = new RespClient("127.0.0.1", node.port())) {
            roundTrip(client, value(48 * MB, 1));
            roundTrip(client, value(MB + 1, 2)); // overwritten by a smaller one
        }
    }

    @Test
    void aLargeValueRoundTripsThroughANodeInFrontOfARedisServer() {
        try (NodeFixture node = NodeFixture.start("redis", Backend.redisServer());
             RespClient client = new RespClient("127.0.0.1", node.port())) {
            roundTrip(client, value(32 * MB, 3));
        }
    }

    @Test
    void aLargeValueIsReplicatedToEveryRack() {
        byte[] value = value(8 * MB, 4);
        try (ClusterFixture cluster = ClusterFixture.builder(Place.racks("dc1", 3, 1), "redis", Backend.store("leveldb"))
                .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_QUORUM).start();
             RespClient client = new RespClient("127.0.0.1", cluster.clientPort(0))) {
            // Once the peers are up; on a loaded machine a node busy storing a large value may miss a few
            // pings and be judged DOWN for a moment (its writes then fail at once): a SET is simply repeated.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(client.call(bytes("SET"), KEY, value)).isEqualTo("OK"));
            for (int i = 0; i < 3; i++) {
                try (RespClient reader = new RespClient("127.0.0.1", cluster.clientPort(i))) {
                    // DC_ONE reads the node's own rack: the third rack may get the value in the background.
                    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                            .untilAsserted(() -> assertSame(reader.call(bytes("GET"), KEY), value));
                }
            }
        }
    }

    private static void roundTrip(RespClient client, byte[] value) {
        assertThat(client.call(bytes("SET"), KEY, value)).isEqualTo("OK");
        assertSame(client.call(bytes("GET"), KEY), value);
        assertThat(client.call(bytes("STRLEN"), KEY)).isEqualTo((long) value.length);
    }

    /** Compared without AssertJ's description of two arrays of megabytes when they differ. */
    private static void assertSame(Object reply, byte[] value) {
        assertThat(reply).isInstanceOf(byte[].class);
        byte[] got = (byte[]) reply;
        assertThat(Arrays.equals(got, value)).as("a value of %d bytes came back as %d other bytes", value.length, got.length)
                .isTrue();
    }

    private static byte[] bytes(String command) {
        return command.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] value(int size, long seed) {
        byte[] value = new byte[size];
        new Random(seed).nextBytes(value);
        return value;
    }
}
