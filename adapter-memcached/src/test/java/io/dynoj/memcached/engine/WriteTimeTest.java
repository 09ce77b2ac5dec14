package io.dynoj.memcached.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.time.HybridClock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Write times and tombstones in the embedded memcached engine: each write stores the timestamp it carries, a
 * delete leaves a tombstone no read sees, a guarded (late) write loses to a newer one, the sweeper removes
 * tombstones after the grace, and {@code me} tells the write time.
 */
class WriteTimeTest {

    /** At the harness clock's start: relative exptimes count from a write's time. */
    private static final long T1 = HybridClock.ofMillis(EngineHarness.START);
    private static final long T2 = T1 + 5;
    private static final long T3 = T1 + 9;
    private static final Pattern WT = Pattern.compile(" wt=([0-9]+)\r\n$");

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() {
        h.close();
    }

    /** The key's write time as {@code me <key> w} gives it; 0 when it gives none. */
    private long writeTime(String key) {
        Matcher m = WT.matcher(h.run("me " + key + " w\r\n"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void everyWriteStoresTheTimestampItCarries() {
        h.runAt(T1, false, "set k 0 0 1\r\n1\r\n");
        assertThat(writeTime("k")).isEqualTo(T1);
        String[] writes = {"incr k 1\r\n", "append k 0 0 1\r\n0\r\n", "prepend k 0 0 1\r\n1\r\n", "touch k 100\r\n",
            "ms k 1 T0\r\n5\r\n", "ma k\r\n", "gat 0 k\r\n", "mg k T10\r\n", "replace k 0 0 1\r\n2\r\n"};
        long t = T1;
        for (String write : writes) {
            t++;
            h.runAt(t, false, write);
            assertThat(writeTime("k")).as(write).isEqualTo(t);
        }
        h.run("get k\r\nmg k v\r\n");
        assertThat(writeTime("k")).as("reads write nothing").isEqualTo(t);
        assertThat(writeTime("nothing")).isZero();
    }

    @Test
    void aWriteWithoutATimestampGetsOneFromTheClock() {
        long before = HybridClock.shared().now();
        h.run("set k 0 0 1\r\nv\r\n");
        assertThat(writeTime("k")).isGreaterThan(before);
    }

    @Test
    void metaDebugAnswersAsMemcachedAndAddsTheWriteTimeOnlyWhenAsked() {
        h.runAt(T1, false, "set k 9 100 3\r\nabc\r\n");
        String cas = h.run("mg k c\r\n").replaceAll("[^0-9]", "");
        assertThat(h.run("me k\r\n")).isEqualTo("ME k exp=100 la=0 cas=" + cas + " fetch=no cls=1 size=4\r\n");
        assertThat(h.run("me k w\r\n")).isEqualTo("ME k exp=100 la=0 cas=" + cas + " fetch=no cls=1 size=4 wt=" + T1
                + "\r\n");
        assertThat(h.run("me nothing\r\nme nothing w\r\n")).isEqualTo("EN\r\nEN\r\n");
        assertThat(h.run("me\r\n")).isEqualTo("CLIENT_ERROR bad command line format\r\n");
    }

    @Test
    void aDeleteLeavesATombstoneNoReadSees() {
        h.runAt(T1, false, "set gone 0 0 1\r\nv\r\nset md 0 0 1\r\nv\r\n");
        assertThat(h.runAt(T2, false, "delete gone\r\nmd md\r\n")).isEqualTo("DELETED\r\nHD\r\n");
        assertThat(h.store().get(Items.storeKey("gone".getBytes()))).as("a tombstone").isNotNull();
        assertThat(h.run("me gone w\r\nme md w\r\n")).isEqualTo("EN wt=" + T2 + "\r\nEN wt=" + T2 + "\r\n");
        assertThat(h.run("me gone\r\n")).as("as memcached without w").isEqualTo("EN\r\n");
        assertThat(h.run("get gone md\r\ngets gone\r\nmg gone v\r\nincr gone 1\r\ntouch gone 1\r\n"
                + "append gone 0 0 1\r\nx\r\ndelete gone\r\nmd gone\r\nreplace gone 0 0 1\r\nx\r\n"))
                .isEqualTo("END\r\nEND\r\nEN\r\nNOT_FOUND\r\nNOT_FOUND\r\nNOT_STORED\r\nNOT_FOUND\r\nNF\r\n"
                        + "NOT_STORED\r\n");
        assertThat(h.runAt(T3, false, "add gone 0 0 4\r\nback\r\nget gone\r\n"))
                .as("a later write brings the key back").isEqualTo("STORED\r\nVALUE gone 0 4\r\nback\r\nEND\r\n");
        assertThat(writeTime("gone")).isEqualTo(T3);
    }

    @Test
    void aNegativeExptimeDeletesWithATombstone() {
        h.runAt(T1, false, "set k 0 0 1\r\nv\r\n");
        h.runAt(T2, false, "set k 0 -1 1\r\nv\r\nset never 0 -1 1\r\nv\r\n");
        assertThat(h.run("me k w\r\n")).isEqualTo("EN wt=" + T2 + "\r\n");
        assertThat(h.store().get(Items.storeKey("never".getBytes()))).as("nothing to delete: no tombstone").isNull();
    }

    @Test
    void aGuardedWriteOlderThanTheKeysLastWriteIsSkipped() {
        h.runAt(T2, false, "set k 0 0 3\r\nnew\r\n");
        assertThat(h.runAt(T1, true, "set k 0 0 4\r\nlate\r\nms k 4 T0\r\nlate\r\nincr k 1\r\nmd k\r\n"))
                .as("answered as done").isEqualTo("STORED\r\nHD\r\nSTORED\r\nHD\r\n");
        assertThat(h.run("get k\r\n")).isEqualTo("VALUE k 0 3\r\nnew\r\nEND\r\n");
        h.runAt(T1, false, "set d 0 0 1\r\nx\r\n");
        h.runAt(T2, false, "delete d\r\n");
        h.runAt(T1, true, "set d 0 0 1\r\ny\r\n");
        assertThat(h.run("get d\r\n")).as("a tombstone newer than a late write keeps the key deleted")
                .isEqualTo("END\r\n");
        h.runAt(T3, true, "ms k 5 F3\r\nnewer\r\n");
        assertThat(h.run("get k\r\n")).as("a guarded write newer than the key is applied")
                .isEqualTo("VALUE k 3 5\r\nnewer\r\nEND\r\n");
        assertThat(writeTime("k")).isEqualTo(T3);
        h.runAt(T3 + 1, true, "md k\r\n");
        assertThat(h.run("me k w\r\n")).isEqualTo("EN wt=" + (T3 + 1) + "\r\n");
    }

    @Test
    void atTheKeysOwnWriteTimeAGuardedIncrIsSkippedAndAnIdempotentCopyIsApplied() {
        h.runAt(T1, false, "set c 0 0 1\r\n1\r\n");
        h.runAt(T2, false, "incr c 1\r\n");
        h.runAt(T2, true, "incr c 1\r\nma c\r\nappend c 0 0 1\r\n0\r\n");
        assertThat(h.run("get c\r\n")).as("the incr of T2 replayed once more").isEqualTo("VALUE c 0 1\r\n2\r\nEND\r\n");
        // This replica missed an incr before T2: the primary's copy of the item at T2 brings it.
        h.runAt(T2, true, "ms c 1 T0\r\n3\r\n");
        assertThat(h.run("get c\r\n")).as("a copy of the primary's item at the key's own write time")
                .isEqualTo("VALUE c 0 1\r\n3\r\nEND\r\n");
        h.runAt(T1, true, "set c 0 0 1\r\n0\r\n");
        assertThat(h.run("get c\r\n")).as("an older copy still loses").isEqualTo("VALUE c 0 1\r\n3\r\nEND\r\n");
    }

    @Test
    void aGuardedGatTouchesOnlyTheKeysWithoutANewerWrite() {
        h.runAt(T1, false, "set old 0 0 1\r\na\r\n");
        h.runAt(T3, false, "set new 0 0 1\r\nb\r\n");
        h.runAt(T2, true, "gat 100 old new\r\n");
        assertThat(h.run("mg old t\r\nmg new t\r\n")).isEqualTo("HD t100\r\nHD t-1\r\n");
        assertThat(writeTime("old")).isEqualTo(T2);
        assertThat(writeTime("new")).isEqualTo(T3);
    }

    @Test
    void aLeaseTakenByAReadKeepsTheWriteTime() {
        h.runAt(T1, false, "set k 0 0 1\r\nv\r\n");
        h.runAt(T2, false, "md k I\r\n"); // stale: the next mg wins the recache, marking the item
        assertThat(h.run("mg k v\r\n")).isEqualTo("VA 1 X W\r\nv\r\n");
        assertThat(writeTime("k")).isEqualTo(T2);
    }

    @Test
    void theSweeperRemovesTombstonesAfterTheGrace() {
        try (EngineHarness g = new EngineHarness(60_000)) {
            long now = HybridClock.ofMillis(g.now());
            g.runAt(now, false, "set k 0 0 1\r\nv\r\n");
            g.runAt(now + 1, false, "delete k\r\n");
            byte[] storeKey = Items.storeKey("k".getBytes());
            assertThat(g.engine().removeExpired(100)).as("within the grace").isZero();
            assertThat(g.store().get(storeKey)).isNotNull();
            g.advance(61_000);
            assertThat(g.engine().removeExpired(100)).isEqualTo(1);
            assertThat(g.store().get(storeKey)).isNull();
        }
    }

    @Test
    void itemsStoredBeforeWriteTimesAreReadAndRewrittenWithOne() {
        // [flags 4][expire-at 8][cas 8][state 1][data]: the form of data directories from before write times.
        byte[] old = new byte[Item.OLD_HEADER + 2];
        old[3] = 7;
        old[19] = 1;
        old[Item.OLD_HEADER] = '4';
        old[Item.OLD_HEADER + 1] = '1';
        h.store().put(Items.storeKey("k".getBytes()), old);
        assertThat(h.run("get k\r\nme k w\r\n")).startsWith("VALUE k 7 2\r\n41\r\nEND\r\nME k exp=-1")
                .doesNotContain("wt=");
        h.runAt(T1, false, "incr k 1\r\n");
        assertThat(h.run("get k\r\n")).isEqualTo("VALUE k 7 2\r\n42\r\nEND\r\n");
        assertThat(writeTime("k")).isEqualTo(T1);
        assertThat(h.store().get(Items.storeKey("k".getBytes()))).hasSize(Item.HEADER + 2);
    }
}
