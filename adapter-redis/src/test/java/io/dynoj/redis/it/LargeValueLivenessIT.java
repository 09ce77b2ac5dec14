package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Counter;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.RespClient;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: values of tens of MB replicated between racks, every write waiting for both (DC_QUORUM of two),
 * with a detector tuned tight (pings every 100 ms, a 300 ms acceptable pause: about 1.3 s of silence is DOWN),
 * get no peer judged DOWN: a link moving a large frame is alive (`PeerWriteProgress`, `PeerHeardHandler`),
 * though the pings queued behind the frame wait. Before, a loaded machine judged peers DOWN during a 16 MB
 * replication (`LargeValuesIT` repeats its SET for that reason).
 */
class LargeValueLivenessIT {

    private static final int MB = 1024 * 1024;

    @Test
    void largeValuesReplicatedUnderATightDetectorAreAllWrittenAndNoPeerGoesDown() {
        try (ClusterFixture cluster = ClusterFixture.builder(Place.racks("dc1", 2, 1), "redis", Backend.store("memory"))
                .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_QUORUM)
                .configure(c -> c.peerPingIntervalMillis(100).peerAcceptablePauseMillis(300))
                .start();
             RespClient client = new RespClient("127.0.0.1", cluster.clientPort(0))) {
            for (int i = 0; i < 4; i++) {
                byte[] value = new byte[32 * MB];
                new Random(i).nextBytes(value);
                assertThat(client.call(bytes("SET"), bytes("big" + i), value)).as("SET %d", i).isEqualTo("OK");
            }
            for (int node = 0; node < cluster.size(); node++) {
                long wentDown = cluster.node(node).metrics().getCounters((name, m) -> name.endsWith(".went_down"))
                        .values().stream().mapToLong(Counter::getCount).sum();
                assertThat(wentDown).as("peers node %d judged DOWN", node).isZero();
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
