package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.core.node.DynojNode;
import io.dynoj.core.repair.RepairProgress;
import io.dynoj.core.spi.RangeStore;
import io.dynoj.core.spi.RangeStore.Entry;
import io.dynoj.core.spi.RangeStore.KeyDigest;
import io.dynoj.core.spi.TokenRange;
import io.dynoj.core.time.HybridClock;
import io.dynoj.redis.engine.StoredValue;
import io.dynoj.redis.engine.ValueType;
import io.dynoj.redis.engine.rdb.RdbCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Issue 14's write timestamps on the embedded stores, three racks of one node each: every replica stores the
 * timestamp the key's primary chose; read repair and Merkle repair let the newest write win where the majority
 * would not (a newer value on one rack, three different values, a delete two racks missed); tombstones are
 * removed after the grace.
 */
class WriteTimeIT {

    private static ClusterFixture cluster;

    @BeforeAll
    static void start() {
        cluster = ClusterFixture.builder(Place.racks("dc1", 3, 1), "redis", Backend.store("memory"))
                .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_QUORUM).start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Jedis client(int node, ConsistencyLevel read) {
        Jedis j = new Jedis("127.0.0.1", cluster.clientPort(node), 10_000);
        assertThat(j.sendCommand(() -> "DYNOJ".getBytes(), "CONSISTENCY", "READ", read.name())).isNotNull();
        return j;
    }

    private static RangeStore store(ClusterFixture c, int rack) {
        return c.node(rack).datastore().rangeStore();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] dump(String value) {
        return RdbCodec.encode(new StoredValue(ValueType.STRING, 0, b(value)));
    }

    /** Each rack's digest of {@code key}, tombstones included; null where the rack holds nothing. */
    private static KeyDigest[] digests(ClusterFixture c, String key) {
        KeyDigest[] out = new KeyDigest[c.size()];
        for (int r = 0; r < c.size(); r++) {
            for (KeyDigest d : store(c, r).digestsAndTombstones(TokenRange.all(), k -> 1)) {
                if (new String(d.key(), StandardCharsets.UTF_8).equals(key)) {
                    out[r] = d;
                }
            }
        }
        return out;
    }

    /** Waits until every rack holds {@code key} (or its tombstone) with one write time, and answers it. */
    private static long sameWriteTimeEverywhere(String key, boolean deleted) {
        long[] time = new long[1];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            KeyDigest[] d = digests(cluster, key);
            for (KeyDigest k : d) {
                assertThat(k).as("%s on every rack", key).isNotNull();
                assertThat(k.deleted()).isEqualTo(deleted);
                assertThat(k.writeTime()).isNotZero().isEqualTo(d[0].writeTime());
            }
            time[0] = d[0].writeTime();
        });
        return time[0];
    }

    /** Makes {@code rack} hold {@code value} written at {@code writeTime}, whatever it held (a replica that missed writes). */
    private static void holdOnly(int rack, String key, String value, long writeTime) {
        store(cluster, rack).delete(List.of(b(key)));
        assertThat(store(cluster, rack).importEntries(List.of(new Entry(b(key), dump(value), 0, writeTime, false))))
                .isEqualTo(1);
    }

    @Test
    void everyReplicaStoresThePrimarysTimestampForTheSameWrite() {
        try (Jedis j = client(1, ConsistencyLevel.DC_ONE)) {
            long before = HybridClock.shared().now();
            j.set("wt:string", "v");
            long set = sameWriteTimeEverywhere("wt:string", false);
            assertThat(set).isGreaterThan(before);
            j.incr("wt:counter"); // its effect is built after it ran: the timestamp travels with the effect
            sameWriteTimeEverywhere("wt:counter", false);
            j.hset("wt:hash", Map.of("a", "1"));
            sameWriteTimeEverywhere("wt:hash", false);
            j.del("wt:string");
            long deleted = sameWriteTimeEverywhere("wt:string", true);
            assertThat(deleted).as("the delete's tombstone is newer than the write").isGreaterThan(set);
        }
    }

    @Test
    void aNewerValueOnOneRackWinsReadRepairAgainstTheTwoOthers() {
        try (Jedis j = client(0, ConsistencyLevel.DC_ONE)) {
            j.set("wt:one-newer", "old");
        }
        sameWriteTimeEverywhere("wt:one-newer", false);
        long newer = HybridClock.shared().now();
        holdOnly(2, "wt:one-newer", "new", newer);
        try (Jedis quorum = client(0, ConsistencyLevel.DC_QUORUM)) {
            quorum.get("wt:one-newer"); // racks 1 and 2 may answer "old" first; the repair follows rack 3's answer
        }
        for (int r = 0; r < 3; r++) {
            try (Jedis one = client(r, ConsistencyLevel.DC_ONE)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> "new".equals(one.get("wt:one-newer")));
            }
        }
        assertThat(sameWriteTimeEverywhere("wt:one-newer", false)).as("the copies keep the winner's timestamp")
                .isEqualTo(newer);
    }

    @Test
    void withThreeDifferentValuesTheNewestWinsNotTheLocalRacks() {
        try (Jedis j = client(0, ConsistencyLevel.DC_ONE)) {
            j.set("wt:three", "first");
        }
        sameWriteTimeEverywhere("wt:three", false);
        long t = HybridClock.shared().now();
        holdOnly(0, "wt:three", "local but old", t + 1);
        holdOnly(2, "wt:three", "middle", t + 2);
        holdOnly(1, "wt:three", "newest", t + 3);
        long conflicts = cluster.node(0).metrics().counter("router.read_repair_conflicts").getCount();
        try (Jedis quorum = client(0, ConsistencyLevel.DC_QUORUM)) {
            assertThat(quorum.get("wt:three")).isEqualTo("newest");
        }
        assertThat(sameWriteTimeEverywhere("wt:three", false)).isEqualTo(t + 3);
        assertThat(cluster.node(0).metrics().counter("router.read_repair_conflicts").getCount())
                .as("timestamps decide: no conflict").isEqualTo(conflicts);
    }

    @Test
    void aDeleteTwoRacksMissedWinsReadRepair() {
        try (Jedis j = client(0, ConsistencyLevel.DC_ONE)) {
            j.set("wt:deleted", "v");
            long written = sameWriteTimeEverywhere("wt:deleted", false);
            j.del("wt:deleted");
            sameWriteTimeEverywhere("wt:deleted", true);
            holdOnly(1, "wt:deleted", "v", written);
            holdOnly(2, "wt:deleted", "v", written);
        }
        try (Jedis quorum = client(0, ConsistencyLevel.DC_QUORUM)) {
            quorum.get("wt:deleted"); // racks 2 and 3 agree on the stale value; the tombstone is newer
        }
        sameWriteTimeEverywhere("wt:deleted", true);
        for (int r = 0; r < 3; r++) {
            try (Jedis one = client(r, ConsistencyLevel.DC_ONE)) {
                assertThat(one.exists("wt:deleted")).isFalse();
            }
        }
    }

    @Test
    void merkleRepairKeepsDeletedKeysDeletedEvenWhenTwoRacksMissedTheDeletes() {
        int keys = 300;
        List<String> gone = new ArrayList<>();
        try (Jedis j = new Jedis("127.0.0.1", cluster.clientPort(0), 30_000)) {
            Pipeline p = j.pipelined();
            for (int i = 0; i < keys; i++) {
                p.set("mk:" + i, "v" + i);
            }
            p.sync();
            await().atMost(Duration.ofSeconds(20)).until(() -> live(2, "mk:").size() == keys
                    && live(1, "mk:").size() == keys);
            List<byte[]> doomed = new ArrayList<>();
            for (int i = 0; i < keys; i += 3) {
                gone.add("mk:" + i);
                doomed.add(b("mk:" + i));
            }
            List<Entry> before = store(cluster, 1).export(doomed);
            for (String k : gone) {
                p.del(k);
            }
            p.sync();
            await().atMost(Duration.ofSeconds(20)).until(() -> live(1, "mk:").size() == keys - gone.size()
                    && live(2, "mk:").size() == keys - gone.size());
            // Racks 2 and 3 "missed" the deletes: they hold the values from before, with their write times.
            for (int r = 1; r < 3; r++) {
                store(cluster, r).delete(doomed);
                assertThat(store(cluster, r).importEntries(before)).isEqualTo(gone.size());
            }
        }
        assertThat(live(2, "mk:")).hasSize(keys);

        RepairProgress done = repair(cluster.node(2));
        assertThat(done.keysFixed()).as("each delete, on the two racks that missed it").isEqualTo(2L * gone.size());
        assertThat(done.keysStreamed()).isZero();
        for (int r = 0; r < 3; r++) {
            Map<String, Long> held = live(r, "mk:");
            assertThat(held).as("rack %d", r + 1).hasSize(keys - gone.size());
            assertThat(held.keySet()).doesNotContainAnyElementsOf(gone);
        }
        RepairProgress again = repair(cluster.node(0));
        assertThat(again.keysFixed()).isZero();
    }

    @Test
    void tombstonesAreRemovedAfterTheGrace() {
        try (ClusterFixture shortGrace = ClusterFixture.builder(Place.racks("dc1", 3, 1), "redis",
                Backend.store("memory")).configure(c -> c.tombstoneGraceMillis(1_500)).start();
             Jedis j = new Jedis("127.0.0.1", shortGrace.clientPort(0))) {
            j.set("grace", "v");
            j.del("grace");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                KeyDigest[] d = digests(shortGrace, "grace");
                return d[0] != null && d[1] != null && d[2] != null && d[0].deleted();
            });
            // The sweeper backs off to a sweep every 10 s while it finds nothing: within the grace plus that.
            await().atMost(Duration.ofSeconds(25)).until(() -> {
                KeyDigest[] d = digests(shortGrace, "grace");
                return d[0] == null && d[1] == null && d[2] == null;
            });
        }
    }

    /** Rack {@code r}'s live keys under {@code prefix} and their digests. */
    private static Map<String, Long> live(int r, String prefix) {
        Map<String, Long> out = new TreeMap<>();
        for (KeyDigest k : store(cluster, r).digests(TokenRange.all(), key -> 1)) {
            String key = new String(k.key(), StandardCharsets.UTF_8);
            if (key.startsWith(prefix)) {
                out.put(key, k.digest());
            }
        }
        return out;
    }

    private static RepairProgress repair(DynojNode node) {
        node.repair().start(null);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> node.repair().progress().state() != RepairProgress.State.RUNNING);
        RepairProgress done = node.repair().progress();
        assertThat(done.state()).as("repair ended: %s", done.describe()).isEqualTo(RepairProgress.State.DONE);
        return done;
    }
}
