package io.dynoj.memcached.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.spi.RangeStore;
import io.dynoj.core.spi.RangeStore.Entry;
import io.dynoj.core.spi.RangeStore.KeyDigest;
import io.dynoj.core.spi.TokenRange;
import io.dynoj.core.time.HybridClock;
import io.dynoj.memcached.protocol.PortableItem;
import io.dynoj.memcached.protocol.PortableItemDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded memcached engine as a range store: digests of flags, data and expiry, the portable form out and
 * in, last-write-wins imports that carry tombstones, expired and flushed items left out.
 */
class ItemRangeStoreTest {

    /** At the harness clock's start: relative exptimes count from a write's time. */
    private static final long T1 = HybridClock.ofMillis(EngineHarness.START);
    private static final long T2 = T1 + 5;
    private static final long T3 = T1 + 9;

    private final EngineHarness h = new EngineHarness();
    private final RangeStore ranges = h.engine().rangeStore();

    @AfterEach
    void close() {
        h.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private List<KeyDigest> all(boolean tombstones) {
        return tombstones ? ranges.digestsAndTombstones(TokenRange.all(), k -> k.length)
                : ranges.digests(TokenRange.all(), k -> k.length);
    }

    /** Each key's digest and write time, as text (a digest's key is an array: records do not compare it). */
    private static List<String> described(RangeStore store) {
        return store.digests(TokenRange.all(), k -> 1).stream()
                .map(d -> s(d.key()) + " " + d.digest() + " " + d.writeTime()).toList();
    }

    @Test
    void digestsArePortableItemDigestsOfFlagsDataAndExpiryWithTheirWriteTimes() {
        h.runAt(T1, false, "set a 5 0 3\r\nbar\r\nset bb 5 100 3\r\nbar\r\n");
        List<KeyDigest> digests = all(false);
        assertThat(digests).extracting(d -> s(d.key())).containsExactly("a", "bb"); // by token: the key's length
        assertThat(digests.get(0).digest()).isEqualTo(PortableItemDigest.of(PortableItem.encode(5, b("bar")), 0));
        assertThat(digests.get(1).digest())
                .isEqualTo(PortableItemDigest.of(PortableItem.encode(5, b("bar")), EngineHarness.START + 100_000));
        assertThat(digests).allSatisfy(d -> {
            assertThat(d.writeTime()).isEqualTo(T1);
            assertThat(d.deleted()).isFalse();
        });
        assertThat(ranges.digests(new TokenRange(1, 2), k -> k.length)).as("only the range's keys")
                .extracting(d -> s(d.key())).containsExactly("bb");
    }

    @Test
    void theSameItemDigestsAlikeWhateverItsCasAndWriteTime() {
        h.runAt(T1, false, "set x 1 0 1\r\nv\r\n");
        h.runAt(T2, false, "set y 1 0 1\r\nv\r\n");
        List<KeyDigest> digests = all(false);
        assertThat(digests.get(0).digest()).isEqualTo(digests.get(1).digest());
    }

    @Test
    void replicasCountARelativeExptimeFromTheWritesTimeNotTheirClock() {
        try (EngineHarness later = new EngineHarness()) {
            later.advance(700); // a replica that applies the write 0.7 s after its primary
            h.runAt(T1, false, "set k 0 100 1\r\nv\r\nms m 1 T100\r\nv\r\n");
            later.runAt(T1, false, "set k 0 100 1\r\nv\r\nms m 1 T100\r\nv\r\n");
            assertThat(described(later.engine().rangeStore())).isEqualTo(described(ranges));
            assertThat(later.run("mg k t\r\n")).isEqualTo("HD t100\r\n"); // 99.3 s left, rounded up
        }
    }

    @Test
    void exportThenImportMakesAnotherEngineHoldTheSameItems() {
        h.runAt(T1, false, "set a 4294967295 0 3\r\nbar\r\nset b 0 100 0\r\n\r\nset c 0 0 1\r\nv\r\n");
        h.runAt(T2, false, "delete c\r\n");
        List<Entry> exported = new ArrayList<>();
        ranges.export(TokenRange.all(), k -> 1, exported::add);
        assertThat(exported).extracting(e -> s(e.key())).containsExactlyInAnyOrder("a", "b");
        Entry a = exported.stream().filter(e -> s(e.key()).equals("a")).findFirst().orElseThrow();
        assertThat(PortableItem.flags(a.value())).isEqualTo(4294967295L);
        assertThat(s(PortableItem.data(a.value()))).isEqualTo("bar");
        assertThat(a.writeTime()).isEqualTo(T1);
        assertThat(ranges.export(List.of(b("b"), b("c"), b("a")))).extracting(e -> s(e.key()))
                .containsExactly("b", "a");

        try (EngineHarness other = new EngineHarness()) {
            RangeStore target = other.engine().rangeStore();
            assertThat(target.importEntries(exported)).isEqualTo(2);
            assertThat(target.importEntries(List.of(Entry.tombstone(b("c"), T2)))).as("nothing to delete").isZero();
            assertThat(described(target)).isEqualTo(described(ranges)).hasSize(2);
            assertThat(other.run("get a b\r\nmg b t\r\n"))
                    .isEqualTo("VALUE a 4294967295 3\r\nbar\r\nVALUE b 0 0\r\n\r\nEND\r\nHD t100\r\n");
        }
    }

    @Test
    void importsAreLastWriteWinsAndCarryTombstones() {
        h.runAt(T2, false, "set k 0 0 4\r\nmine\r\nset old 0 0 4\r\nmine\r\n");
        byte[] theirs = PortableItem.encode(1, b("theirs"));
        int stored = ranges.importEntries(List.of(
                new Entry(b("k"), theirs, 0, T1, false),
                Entry.tombstone(b("old"), T3),
                new Entry(b("fresh"), theirs, 0, T3, false),
                new Entry(b("expired"), theirs, EngineHarness.START - 1, T3, false)));
        assertThat(stored).isEqualTo(2);
        assertThat(h.run("get k old fresh expired\r\n")).as("an older copy loses, a newer tombstone deletes")
                .isEqualTo("VALUE k 0 4\r\nmine\r\nVALUE fresh 1 6\r\ntheirs\r\nEND\r\n");
        List<KeyDigest> digests = all(true);
        assertThat(all(false)).as("live keys only").hasSize(2);
        KeyDigest old = digests.stream().filter(d -> s(d.key()).equals("old")).findFirst().orElseThrow();
        assertThat(old.deleted()).isTrue();
        assertThat(old.writeTime()).isEqualTo(T3);
        assertThat(ranges.importEntries(List.of(new Entry(b("old"), theirs, 0, T2, false))))
                .as("a copy older than the tombstone").isZero();
    }

    @Test
    void anEntryWithoutAWriteTimeIsStoredWithNoneAndDeleteLeavesNoTombstone() {
        h.runAt(T2, false, "set k 0 0 1\r\nv\r\n");
        assertThat(ranges.importEntries(List.of(new Entry(b("k"), PortableItem.encode(0, b("w")), 0)))).isEqualTo(1);
        assertThat(h.run("get k\r\nme k w\r\n")).startsWith("VALUE k 0 1\r\nw\r\nEND\r\nME k").doesNotContain("wt=");
        assertThat(ranges.delete(List.of(b("k"), b("none")))).isEqualTo(1);
        assertThat(h.store().get(Items.storeKey(b("k")))).isNull();
    }

    @Test
    void expiredAndFlushedItemsAreLeftOut() {
        h.run("set short 0 10 1\r\nv\r\nset flushed 0 0 1\r\nv\r\n");
        h.run("flush_all\r\nset kept 0 0 1\r\nv\r\n");
        h.advance(10_000);
        assertThat(all(true)).extracting(d -> s(d.key())).containsExactly("kept");
    }

    @Test
    void aValueShorterThanTheFlagsIsRefused() {
        assertThatThrownBy(() -> ranges.importEntries(List.of(new Entry(b("k"), new byte[2], 0))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
