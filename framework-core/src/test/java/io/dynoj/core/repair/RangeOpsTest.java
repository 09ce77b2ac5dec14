package io.dynoj.core.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.RangeStore;
import io.dynoj.core.spi.TokenRange;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/** A range's digests are read once per tree and kept while the run keeps asking for its leaves. */
class RangeOpsTest {

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong now = new AtomicLong();
    private final RangeOps ops = new RangeOps(() -> new CountingStore(), k -> 7, now::get);

    @Test
    void leavesAskedWhileTheRunGoesOnDoNotReadTheStoreAgain() {
        TokenRange all = TokenRange.all();
        ops.tree(all, 4);
        assertThat(reads).hasValue(1);
        for (int i = 0; i < 5; i++) {
            now.addAndGet(RangeOps.CACHE_MILLIS - 1000); // a run slower than the cache's lifetime in all
            assertThat(ops.keys(all, 4, new int[] {0})).hasSize(1);
        }
        assertThat(reads).as("kept while used").hasValue(1);
        ops.importEntries(List.of());
        ops.keys(all, 4, new int[] {0});
        assertThat(reads).as("the run's own imports keep it").hasValue(1);
        now.addAndGet(RangeOps.CACHE_MILLIS + 1);
        ops.keys(all, 4, new int[] {0});
        assertThat(reads).as("unused for a minute: read again").hasValue(2);
        ops.keys(new TokenRange(1, 2), 4, new int[] {0});
        assertThat(reads).as("another range").hasValue(3);
    }

    private final class CountingStore implements RangeStore {
        @Override
        public List<KeyDigest> digests(TokenRange range, ToLongFunction<byte[]> tokenOf) {
            reads.incrementAndGet();
            return range.contains(7) ? List.of(new KeyDigest(7, new byte[] {1}, 2)) : List.of();
        }

        @Override
        public void export(TokenRange range, ToLongFunction<byte[]> tokenOf, Consumer<Entry> out) {
        }

        @Override
        public List<Entry> export(List<byte[]> keys) {
            return List.of();
        }

        @Override
        public int importEntries(List<Entry> entries) {
            return entries.size();
        }

        @Override
        public int delete(List<byte[]> keys) {
            return 0;
        }
    }
}
