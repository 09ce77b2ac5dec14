package io.dynoj.memcached.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.internal.OperationFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 on memcached backends: while rack 3's memcached is down, the writes its node cannot apply are
 * kept by their primaries (a write whose fate is unknown as a key to copy: {@code mg v f t}, then {@code ms}
 * with an absolute expiry); once it is back every one of them is on it, values, flags and counters exact.
 */
class MemcachedHintsIT {

    private static final int KEYS = 300;
    private static ClusterFixture cluster;

    @BeforeAll
    static void start() {
        cluster = ClusterFixture.builder(Place.racks("dc1", 3, 1), "memcached", Backend.memcachedServer())
                .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_QUORUM).start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void writesMissedWhileAReplicasServerWasDownReachItOnceItIsBack() throws Exception {
        cluster.memcached(2).crash();
        net.spy.memcached.MemcachedClient spy = Clients.spy(cluster.clientAddress(0));
        try {
            List<OperationFuture<Boolean>> sets = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                sets.add(spy.set("hint:" + i, i % 2 == 0 ? 0 : 3600, "value-" + i));
            }
            for (OperationFuture<Boolean> set : sets) {
                assertThat(set.get()).isTrue();
            }
            assertThat(spy.set("counter", 0, "10").get()).isTrue();
            for (int i = 0; i < 7; i++) {
                assertThat(spy.incr("counter", 1)).isEqualTo(11 + i);
            }
        } finally {
            spy.shutdown(5, TimeUnit.SECONDS);
        }
        cluster.memcached(2).restart();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int i = 0; i < KEYS; i++) {
                byte[] raw = cluster.memcached(2).get("hint:" + i);
                assertThat(raw).as("hint:%d on rack 3's memcached", i).isNotNull();
                assertThat(new String(raw, StandardCharsets.UTF_8)).isEqualTo("value-" + i);
            }
            byte[] counter = cluster.memcached(2).get("counter");
            assertThat(counter).isNotNull();
            assertThat(new String(counter, StandardCharsets.UTF_8)).as("every incr once").isEqualTo("17");
        });
        long stored = 0;
        for (int i = 0; i < cluster.size(); i++) {
            stored += cluster.node(i).metrics().counter("hints.stored").getCount();
        }
        assertThat(stored).isPositive();
    }
}
