package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.RangeStore.Entry;
import io.dynoj.core.spi.RangeStore.KeyDigest;
import io.dynoj.core.spi.TokenRange;
import io.dynoj.core.time.HybridClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Write times and tombstones in the embedded engine: each write stores its primary's timestamp, a delete leaves a
 * tombstone no read sees, a guarded (late) write loses to a newer one, imports are last-write-wins, and the
 * sweeper removes tombstones after the grace.
 */
class WriteTimeTest {

    private static final long T1 = HybridClock.ofMillis(System.currentTimeMillis() - 10_000);
    private static final long T2 = T1 + 5;
    private static final long T3 = T1 + 9;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWriteStoresTheTimestampItCarries() {
        try (EngineHarness h = new EngineHarness()) {
            h.runAt(T1, false, "SET", "k", "v");
            assertThat(h.run("OBJECT", "WRITETIME", "k")).isEqualTo(":" + T1 + "\r\n");
            h.runAt(T2, false, "HSET", "h", "f", "v");
            assertThat(h.engine().keyspace().writeTimeOf(b("h"))).isEqualTo(T2);
            assertThat(h.run("OBJECT", "WRITETIME", "nothing")).isEqualTo(":0\r\n");
        }
    }

    @Test
    void aWriteWithoutATimestampGetsOneFromTheClock() {
        try (EngineHarness h = new EngineHarness()) {
            long before = HybridClock.shared().now();
            h.run("SET", "k", "v");
            assertThat(h.engine().keyspace().writeTimeOf(b("k"))).isGreaterThan(before);
        }
    }

    @Test
    void aDeleteLeavesATombstoneNoReadSees() {
        try (EngineHarness h = new EngineHarness()) {
            h.runAt(T1, false, "SET", "gone", "v");
            h.runAt(T1, false, "SET", "kept", "v");
            h.runAt(T1, false, "SADD", "s", "m");
            assertThat(h.runAt(T2, false, "DEL", "gone")).isEqualTo(":1\r\n");
            assertThat(h.runAt(T2, false, "SREM", "s", "m")).isEqualTo(":1\r\n");
            assertThat(h.engine().keyspace().deleted(b("gone"))).isTrue();
            assertThat(h.engine().keyspace().deleted(b("s"))).as("an emptied set leaves a tombstone").isTrue();
            assertThat(h.run("OBJECT", "WRITETIME", "gone")).isEqualTo(":" + T2 + "\r\n");
            assertThat(h.run("GET", "gone")).isEqualTo("$-1\r\n");
            assertThat(h.run("EXISTS", "gone", "s")).isEqualTo(":0\r\n");
            assertThat(h.run("TYPE", "gone")).isEqualTo("+none\r\n");
            assertThat(h.run("DUMP", "gone")).isEqualTo("$-1\r\n");
            assertThat(h.run("DBSIZE")).isEqualTo(":1\r\n");
            assertThat(h.run("KEYS", "*")).isEqualTo("*1\r\n$4\r\nkept\r\n");
            assertThat(h.run("SCAN", "0")).isEqualTo("*2\r\n$1\r\n0\r\n*1\r\n$4\r\nkept\r\n");
            assertThat(h.run("RANDOMKEY")).isEqualTo("$4\r\nkept\r\n");
            assertThat(h.run("INFO", "keyspace")).contains("db0:keys=1,");
            assertThat(h.run("DEL", "gone")).as("deleting a tombstone deletes nothing").isEqualTo(":0\r\n");
            h.runAt(T3, false, "SET", "gone", "back");
            assertThat(h.run("GET", "gone")).as("a later write brings the key back").isEqualTo("$4\r\nback\r\n");
        }
    }

    @Test
    void aGuardedWriteOlderThanTheKeysLastWriteIsSkipped() {
        try (EngineHarness h = new EngineHarness()) {
            h.runAt(T2, false, "SET", "k", "new");
            h.runAt(T1, true, "SET", "k", "late hint");
            assertThat(h.run("GET", "k")).isEqualTo("$3\r\nnew\r\n");
            h.runAt(T1, false, "SET", "d", "x");
            h.runAt(T2, false, "DEL", "d");
            h.runAt(T1, true, "SET", "d", "resurrected");
            assertThat(h.run("EXISTS", "d")).as("a tombstone newer than a late write keeps the key deleted")
                    .isEqualTo(":0\r\n");
            h.runAt(T3, true, "SET", "k", "newer");
            assertThat(h.run("GET", "k")).as("a guarded write newer than the key is applied")
                    .isEqualTo("$5\r\nnewer\r\n");
            assertThat(h.engine().keyspace().writeTimeOf(b("k"))).isEqualTo(T3);
        }
    }

    @Test
    void atTheKeysOwnWriteTimeAGuardedIncrIsSkippedAndAnIdempotentCopyIsApplied() {
        try (EngineHarness h = new EngineHarness()) {
            h.runAt(T1, false, "SET", "c", "1");
            h.runAt(T2, false, "INCR", "c");
            h.runAt(T2, true, "INCR", "c");
            assertThat(h.run("GET", "c")).as("the INCR of T2 replayed once more").isEqualTo("$1\r\n2\r\n");
            // This replica missed an INCR before T2: the primary's copy of the key at T2 brings it.
            h.runAt(T2, true, "SET", "c", "3");
            assertThat(h.run("GET", "c")).as("a copy of the primary's state at the key's own write time")
                    .isEqualTo("$1\r\n3\r\n");
            h.runAt(T1, true, "SET", "c", "0");
            assertThat(h.run("GET", "c")).as("an older copy still loses").isEqualTo("$1\r\n3\r\n");
        }
    }

    @Test
    void importsAreLastWriteWinsAndCarryTombstones() {
        try (EngineHarness h = new EngineHarness()) {
            h.runAt(T2, false, "SET", "k", "mine");
            h.runAt(T2, false, "SET", "old", "mine");
            EngineRangeStore ranges = (EngineRangeStore) h.engine().rangeStore();
            byte[] payload = ranges.export(List.of(b("k"))).get(0).value();
            assertThat(ranges.export(List.of(b("k"))).get(0).writeTime()).isEqualTo(T2);
            int stored = ranges.importEntries(List.of(
                    new Entry(b("k"), payload, 0, T1, false),
                    Entry.tombstone(b("old"), T3),
                    new Entry(b("fresh"), payload, 0, T3, false)));
            assertThat(stored).isEqualTo(2);
            assertThat(h.engine().keyspace().writeTimeOf(b("k"))).as("an older copy loses").isEqualTo(T2);
            assertThat(h.run("EXISTS", "old")).as("a newer tombstone deletes").isEqualTo(":0\r\n");
            assertThat(h.run("GET", "fresh")).isEqualTo("$4\r\nmine\r\n");
            List<KeyDigest> digests = ranges.digestsAndTombstones(TokenRange.all(), key -> 7);
            assertThat(ranges.digests(TokenRange.all(), key -> 7)).as("live keys only").hasSize(2);
            assertThat(digests).hasSize(3);
            KeyDigest old = digests.stream().filter(d -> new String(d.key()).equals("old")).findFirst().orElseThrow();
            assertThat(old.deleted()).isTrue();
            assertThat(old.writeTime()).isEqualTo(T3);
        }
    }

    @Test
    void theSweeperRemovesTombstonesAfterTheGrace() {
        try (EngineHarness h = new EngineHarness(60_000)) {
            h.run("SET", "k", "v");
            h.run("DEL", "k");
            assertThat(h.engine().removeExpired(100)).as("within the grace").isZero();
            assertThat(h.engine().keyspace().deleted(b("k"))).isTrue();
            h.advance(61_000);
            assertThat(h.engine().removeExpired(100)).isEqualTo(1);
            assertThat(h.store().get(Keyspace.storeKey(b("k")))).isNull();
        }
    }
}
