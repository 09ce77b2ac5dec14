package io.dynoj.core.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OrderedStore} must do. A store's test extends this and says how to open a new,
 * empty store; each test gets its own and closes it. Published in framework-core's test-jar.
 */
public abstract class OrderedStoreContract {

    protected OrderedStore store;

    /** A new, empty store; called once per test. */
    protected abstract OrderedStore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    protected static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** Every entry of a scan, as [key, value] pairs, closing the iterator. */
    protected static List<byte[][]> entries(StoreIterator it) {
        List<byte[][]> out = new ArrayList<>();
        try (it) {
            while (it.next()) {
                out.add(new byte[][] {it.key(), it.value()});
            }
        }
        return out;
    }

    protected static List<String> keys(StoreIterator it) {
        return entries(it).stream().map(e -> new String(e[0], UTF_8)).toList();
    }

    @Test
    void getOfAMissingKeyIsNull() {
        assertThat(store.get(b("nope"))).isNull();
    }

    @Test
    void putGetOverwriteDelete() {
        store.put(b("k"), b("v1"));
        assertThat(store.get(b("k"))).isEqualTo(b("v1"));
        store.put(b("k"), b("v2"));
        assertThat(store.get(b("k"))).isEqualTo(b("v2"));
        store.delete(b("k"));
        assertThat(store.get(b("k"))).isNull();
        store.delete(b("k")); // absent: no effect, no error
        assertThat(store.get(b("k"))).isNull();
    }

    @Test
    void binaryKeysAndEmptyValues() {
        byte[] zero = bytes(0x00);
        byte[] ff = bytes(0xFF, 0xFF);
        byte[] mixed = bytes(0x00, 0xFF, 0x00, 0x80, 0x7F);
        store.put(zero, new byte[0]);
        store.put(ff, bytes(0x00));
        store.put(mixed, bytes(0xFF, 0x00));
        assertThat(store.get(zero)).isNotNull().isEmpty();
        assertThat(store.get(ff)).isEqualTo(bytes(0x00));
        assertThat(store.get(mixed)).isEqualTo(bytes(0xFF, 0x00));
        assertThat(store.get(bytes(0x00, 0x00))).isNull();
        assertThat(store.get(bytes(0xFF))).isNull();
    }

    @Test
    void arraysAreNotShared() {
        byte[] key = b("key");
        byte[] value = b("value");
        store.put(key, value);
        key[0] = 'X';
        value[0] = 'X';
        byte[] read = store.get(b("key"));
        assertThat(read).isEqualTo(b("value"));
        read[0] = 'Y';
        assertThat(store.get(b("key"))).isEqualTo(b("value"));
    }

    @Test
    void largeValue() {
        byte[] big = new byte[4 * 1024 * 1024];
        new java.util.Random(7).nextBytes(big);
        store.put(b("big"), big);
        assertThat(store.get(b("big"))).isEqualTo(big);
    }

    @Test
    void scanReturnsKeysInUnsignedByteOrder() {
        List<byte[]> keys = new ArrayList<>(List.of(bytes(0xFF), bytes(0x00), bytes(0x80), bytes(0x7F),
                bytes(0x01), bytes(0xFF, 0x00), bytes(0x00, 0xFF), b("a"), b("ab"), b("b"), bytes(0x80, 0x00)));
        for (int i = 0; i < keys.size(); i++) {
            store.put(keys.get(i), bytes(i));
        }
        keys.sort(Arrays::compareUnsigned);
        List<byte[][]> scanned = entries(store.scan(null, null, null));
        assertThat(scanned).extracting(e -> e[0]).containsExactlyElementsOf(keys);
        assertThat(scanned).allSatisfy(e -> assertThat(e[1]).hasSize(1));
    }

    @Test
    void scanBoundsAreFromInclusiveToExclusive() {
        for (String k : List.of("a", "b", "c", "d", "e")) {
            store.put(b(k), b(k.toUpperCase()));
        }
        assertThat(keys(store.scan(null, b("b"), b("d")))).containsExactly("b", "c");
        assertThat(keys(store.scan(null, b("b"), null))).containsExactly("b", "c", "d", "e");
        assertThat(keys(store.scan(null, null, b("c")))).containsExactly("a", "b");
        assertThat(keys(store.scan(null, b("bb"), b("dd")))).containsExactly("c", "d");
        assertThat(keys(store.scan(null, b("c"), b("c")))).isEmpty();
        assertThat(keys(store.scan(null, b("d"), b("b")))).isEmpty();
        assertThat(keys(store.scan(null, b("f"), null))).isEmpty();
        assertThat(entries(store.scan(null, b("e"), null))).singleElement()
                .satisfies(e -> assertThat(e[1]).isEqualTo(b("E")));
    }

    @Test
    void prefixScanStopsAtTheNextPrefix() {
        store.put(bytes(0x01, 0xFF), b("x"));
        store.put(bytes(0x02), b("p"));
        store.put(bytes(0x02, 0x00), b("p0"));
        store.put(bytes(0x02, 0xFF, 0xFF), b("pff"));
        store.put(bytes(0x03), b("next"));
        List<byte[][]> scanned = entries(store.scan(null, bytes(0x02), bytes(0x03)));
        assertThat(scanned).extracting(e -> new String(e[1], UTF_8)).containsExactly("p", "p0", "pff");
    }

    @Test
    void scanOfAnEmptyStoreIsEmpty() {
        try (StoreIterator it = store.scan(null, null, null)) {
            assertThat(it.next()).isFalse();
            assertThat(it.next()).isFalse();
        }
    }

    @Test
    void batchAppliesItsOperationsInOrder() {
        store.put(b("gone"), b("old"));
        store.put(b("back"), b("old"));
        store.write(new StoreBatch()
                .put(b("new"), b("1"))
                .delete(b("gone"))
                .delete(b("back")).put(b("back"), b("again"))
                .put(b("twice"), b("first")).put(b("twice"), b("second"))
                .put(b("short"), b("lived")).delete(b("short")));
        assertThat(store.get(b("new"))).isEqualTo(b("1"));
        assertThat(store.get(b("gone"))).isNull();
        assertThat(store.get(b("back"))).isEqualTo(b("again"));
        assertThat(store.get(b("twice"))).isEqualTo(b("second"));
        assertThat(store.get(b("short"))).isNull();
        store.write(new StoreBatch()); // empty: no effect
        assertThat(keys(store.scan(null, null, null))).containsExactly("back", "new", "twice");
    }

    @Test
    void batchIsAtomicForSnapshots() throws Exception {
        // A writer sets 4 keys to the same new value in each batch; every snapshot must see them equal.
        // (Bounded: every overwrite is a version a snapshot scan may have to step over.)
        int batches = 3_000;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < batches; i++) {
                    byte[] v = b(Integer.toString(i));
                    store.write(new StoreBatch().put(b("a"), v).put(b("b"), v).delete(b("c")).put(b("c"), v).put(b("d"), v));
                }
            });
            int snapshots = 0;
            while (!writer.isDone() || snapshots == 0) {
                try (StoreSnapshot snapshot = store.snapshot()) {
                    List<byte[][]> seen = entries(store.scan(snapshot, null, null));
                    if (!seen.isEmpty()) {
                        assertThat(seen).hasSize(4);
                        assertThat(seen).extracting(e -> new String(e[1], UTF_8)).containsOnly(new String(seen.get(0)[1], UTF_8));
                    }
                }
                snapshots++;
            }
            writer.get(10, TimeUnit.SECONDS);
            assertThat(new String(store.get(b("c")), UTF_8)).isEqualTo(Integer.toString(batches - 1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void snapshotDoesNotSeeLaterWrites() {
        store.put(b("a"), b("1"));
        store.put(b("c"), b("1"));
        try (StoreSnapshot snapshot = store.snapshot()) {
            store.put(b("a"), b("2"));
            store.put(b("b"), b("2"));
            store.delete(b("c"));
            store.write(new StoreBatch().put(b("d"), b("2")));
            List<byte[][]> then = entries(store.scan(snapshot, null, null));
            assertThat(then).extracting(e -> new String(e[0], UTF_8) + "=" + new String(e[1], UTF_8))
                    .containsExactly("a=1", "c=1");
            assertThat(keys(store.scan(snapshot, b("b"), null))).containsExactly("c");
            List<byte[][]> now = entries(store.scan(null, null, null));
            assertThat(now).extracting(e -> new String(e[0], UTF_8) + "=" + new String(e[1], UTF_8))
                    .containsExactly("a=2", "b=2", "d=2");
        }
    }

    @Test
    void concurrentPutsFromManyThreadsAllLand() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        store.put(b("t" + thread + ":" + i), b(thread + "/" + i));
                        store.put(b("shared"), b(Integer.toString(thread)));
                        if (i % 100 == 0) {
                            store.write(new StoreBatch().put(b("batch" + thread + ":" + i), b("x")));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                assertThat(store.get(b("t" + t + ":" + i))).isEqualTo(b(t + "/" + i));
            }
        }
        assertThat(new String(store.get(b("shared")), UTF_8)).matches("[0-7]");
        int count = 0;
        try (StoreIterator it = store.scan(null, b("t"), b("u"))) {
            while (it.next()) {
                count++;
            }
        }
        assertThat(count).isEqualTo(threads * perThread);
        assertThat(entries(store.scan(null, b("batch"), b("batci")))).hasSize(threads * perThread / 100);
    }

    @Test
    void iteratorClosedEarlyLeavesTheStoreUsable() {
        for (int i = 0; i < 100; i++) {
            store.put(b(String.format("k%03d", i)), b("v"));
        }
        StoreIterator it = store.scan(null, null, null);
        assertThat(it.next()).isTrue();
        assertThat(it.key()).isEqualTo(b("k000"));
        it.close();
        it.close(); // twice: harmless
        StoreSnapshot snapshot = store.snapshot();
        snapshot.close();
        snapshot.close();
        store.put(b("k100"), b("v"));
        assertThat(keys(store.scan(null, b("k098"), null))).containsExactly("k098", "k099", "k100");
    }

    @Test
    void scanWhileWritingDoesNotFail() {
        for (int i = 0; i < 1000; i++) {
            store.put(b(String.format("k%04d", i)), b("v"));
        }
        int seen = 0;
        try (StoreIterator it = store.scan(null, null, null)) {
            while (it.next()) {
                seen++;
                store.put(b(String.format("k%04dx", seen)), b("w"));
                store.delete(b(String.format("k%04d", 999 - seen / 2)));
            }
        }
        assertThat(seen).isGreaterThan(0);
    }

    @Test
    void batchPutNeedsAValue() {
        assertThatThrownBy(() -> new StoreBatch().put(b("k"), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describeSaysSomething() {
        assertThat(store.describe()).isNotBlank();
    }

    @Test
    void closeIsIdempotent() {
        store.put(b("k"), b("v"));
        store.close();
        store.close();
        store = null;
    }
}
