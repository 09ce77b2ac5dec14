package io.dynoj.memcached.it;

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
import io.dynoj.memcached.protocol.PortableItem;
import io.dynoj.testkit.RawSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 on the embedded memcached engine, three racks of one node each over memory stores: every replica
 * stores the timestamp the key's primary chose; a DC_QUORUM read that sees differing replicas answers the newest
 * write and repairs the others; Merkle repair makes the racks identical, a value changed behind one rack's back
 * restored and deleted keys kept deleted where two racks missed the deletes.
 */
class EmbeddedWriteTimeIT {

    private static ClusterFixture cluster;

    @BeforeAll
    static void start() {
        cluster = ClusterFixture.builder(Place.racks("dc1", 3, 1), "memcached", Backend.store("memory"))
                .consistency(ConsistencyLevel.DC_QUORUM, ConsistencyLevel.DC_QUORUM).start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static RangeStore store(int rack) {
        return cluster.node(rack).datastore().rangeStore();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Each rack's digest of {@code key}, tombstones included; null where the rack holds nothing. */
    private static KeyDigest[] digests(String key) {
        KeyDigest[] out = new KeyDigest[cluster.size()];
        for (int r = 0; r < cluster.size(); r++) {
            for (KeyDigest d : store(r).digestsAndTombstones(TokenRange.all(), k -> 1)) {
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
            KeyDigest[] d = digests(key);
            for (KeyDigest k : d) {
                assertThat(k).as("%s on every rack", key).isNotNull();
                assertThat(k.deleted()).isEqualTo(deleted);
                assertThat(k.writeTime()).isNotZero().isEqualTo(d[0].writeTime());
                assertThat(k.digest()).isEqualTo(d[0].digest());
            }
            time[0] = d[0].writeTime();
        });
        return time[0];
    }

    /** What rack {@code rack} holds for {@code key}: its data as text, or null. */
    private static String held(int rack, String key) {
        List<Entry> e = store(rack).export(List.of(b(key)));
        return e.isEmpty() ? null : new String(PortableItem.data(e.get(0).value()), StandardCharsets.UTF_8);
    }

    /** Makes {@code rack} hold {@code value} written at {@code writeTime}, whatever it held (a missed write). */
    private static void holdOnly(int rack, String key, String value, long writeTime) {
        store(rack).delete(List.of(b(key)));
        assertThat(store(rack).importEntries(List.of(
                new Entry(b(key), PortableItem.encode(0, b(value)), 0, writeTime, false)))).isEqualTo(1);
    }

    private static void set(RawSocket client, String key, String value) {
        assertThat(client.call("set " + key + " 0 0 " + value.length() + "\r\n" + value + "\r\n")).isEqualTo("STORED");
    }

    @Test
    void everyReplicaStoresThePrimarysTimestampForTheSameWrite() {
        try (RawSocket client = new RawSocket(cluster.clientPort(1))) {
            long before = HybridClock.shared().now();
            set(client, "wt:item", "v");
            long set = sameWriteTimeEverywhere("wt:item", false);
            assertThat(set).isGreaterThan(before);
            set(client, "wt:counter", "1");
            assertThat(client.call("incr wt:counter 5\r\n")).isEqualTo("6");
            sameWriteTimeEverywhere("wt:counter", false);
            assertThat(client.call("me wt:item w\r\n")).matches("ME wt:item exp=-1 la=0 cas=[0-9]+ fetch=no cls=1 "
                    + "size=[0-9]+ wt=" + set);
            assertThat(client.call("delete wt:item\r\n")).isEqualTo("DELETED");
            long deleted = sameWriteTimeEverywhere("wt:item", true);
            assertThat(deleted).as("the delete's tombstone is newer than the write").isGreaterThan(set);
            assertThat(client.call("me wt:item w\r\n")).isEqualTo("EN wt=" + deleted);
        }
    }

    @Test
    void aQuorumReadAnswersTheNewestWriteAndRepairsTheOthers() {
        try (RawSocket client = new RawSocket(cluster.clientPort(0))) {
            set(client, "wt:one-newer", "old");
            sameWriteTimeEverywhere("wt:one-newer", false);
            long newer = HybridClock.shared().now();
            holdOnly(2, "wt:one-newer", "new", newer);
            // Racks 1 and 2 may answer "old" first; the repair follows rack 3's newer write.
            client.send("get wt:one-newer\r\n").readUntil("END\r\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> "new".equals(held(0, "wt:one-newer"))
                    && "new".equals(held(1, "wt:one-newer")));
            assertThat(sameWriteTimeEverywhere("wt:one-newer", false)).as("the copies keep the winner's timestamp")
                    .isEqualTo(newer);

            set(client, "wt:three", "first");
            sameWriteTimeEverywhere("wt:three", false);
            long t = HybridClock.shared().now();
            holdOnly(0, "wt:three", "local but old", t + 1);
            holdOnly(2, "wt:three", "middle", t + 2);
            holdOnly(1, "wt:three", "newest", t + 3);
            assertThat(client.send("get wt:three\r\n").readUntil("END\r\n"))
                    .as("three different values: the newest is answered, not the local rack's")
                    .isEqualTo("VALUE wt:three 0 6\r\nnewest\r\nEND\r\n");
            assertThat(sameWriteTimeEverywhere("wt:three", false)).isEqualTo(t + 3);
        }
    }

    @Test
    void aDeleteTwoRacksMissedWinsReadRepair() {
        try (RawSocket client = new RawSocket(cluster.clientPort(0))) {
            set(client, "wt:deleted", "v");
            long written = sameWriteTimeEverywhere("wt:deleted", false);
            assertThat(client.call("delete wt:deleted\r\n")).isEqualTo("DELETED");
            sameWriteTimeEverywhere("wt:deleted", true);
            holdOnly(1, "wt:deleted", "v", written);
            holdOnly(2, "wt:deleted", "v", written);
            client.send("get wt:deleted\r\n").readUntil("END\r\n"); // racks 2 and 3 agree; the tombstone is newer
            sameWriteTimeEverywhere("wt:deleted", true);
            assertThat(client.send("get wt:deleted\r\n").readUntil("END\r\n")).isEqualTo("END\r\n");
        }
    }

    @Test
    void merkleRepairMakesTheRacksIdenticalAndKeepsDeletedKeysDeleted() {
        int keys = 300;
        List<String> gone = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        try (RawSocket client = new RawSocket(cluster.clientPort(0))) {
            for (int i = 0; i < keys; i++) {
                set(client, "mk:" + i, "v" + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> live(1).size() == keys && live(2).size() == keys);
            List<byte[]> doomed = new ArrayList<>();
            for (int i = 0; i < keys; i += 3) {
                gone.add("mk:" + i);
                doomed.add(b("mk:" + i));
            }
            List<Entry> before = store(1).export(doomed);
            for (String k : gone) {
                assertThat(client.call("delete " + k + "\r\n")).isEqualTo("DELETED");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> live(1).size() == keys - gone.size()
                    && live(2).size() == keys - gone.size());
            // Racks 2 and 3 "missed" the deletes: they hold the values from before, with their write times.
            for (int r = 1; r < 3; r++) {
                store(r).delete(doomed);
                assertThat(store(r).importEntries(before)).isEqualTo(gone.size());
            }
        }
        // Rack 2 holds another value for some keys, written before the one the others hold.
        for (int i = 1; i < keys; i += 30) {
            String key = "mk:" + i;
            changed.add(key);
            holdOnly(1, key, "behind its back", digests(key)[0].writeTime() - 1);
        }
        assertThat(live(2)).hasSize(keys);

        RepairProgress done = repair(cluster.node(2));
        assertThat(done.keysFixed()).as("each delete on the two racks that missed it, each changed value")
                .isEqualTo(2L * gone.size() + changed.size());
        assertThat(done.describe()).as("the deletes: tombstones sent").containsEntry("keys_deleted", 2L * gone.size());
        assertThat(done.keysStreamed()).as("the changed values, from a rack holding the newest")
                .isEqualTo(changed.size());
        Map<String, Long> expected = live(0);
        assertThat(expected).hasSize(keys - gone.size());
        assertThat(expected.keySet()).doesNotContainAnyElementsOf(gone);
        assertThat(live(1)).as("rack 2").isEqualTo(expected);
        assertThat(live(2)).as("rack 3").isEqualTo(expected);
        for (String key : changed) {
            assertThat(held(1, key)).isEqualTo("v" + key.substring(3));
        }
        assertThat(repair(cluster.node(0)).keysFixed()).as("nothing left to fix").isZero();
    }

    /** Rack {@code r}'s live keys under {@code mk:} and their digests. */
    private static Map<String, Long> live(int r) {
        Map<String, Long> out = new TreeMap<>();
        for (KeyDigest k : store(r).digests(TokenRange.all(), key -> 1)) {
            String key = new String(k.key(), StandardCharsets.UTF_8);
            if (key.startsWith("mk:")) {
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
