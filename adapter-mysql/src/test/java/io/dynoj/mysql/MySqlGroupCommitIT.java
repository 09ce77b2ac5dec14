package io.dynoj.mysql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.storage.StoreBatch;
import io.dynoj.core.storage.StoreException;
import io.dynoj.core.storage.StoreIterator;
import io.dynoj.testkit.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many writers share transactions, and what a writer is told is what the database holds. */
class MySqlGroupCommitIT {

    private static final int THREADS = 32;
    private static final int WRITES_PER_THREAD = 250;

    private static MariaDbServer db;

    @BeforeAll
    static void startDatabase() {
        db = MariaDbServer.start();
    }

    @AfterAll
    static void stopDatabase() {
        if (db != null) {
            db.close();
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void thirtyTwoWritersShareTransactionsAndEveryAcknowledgedWriteIsThere() throws Exception {
        MetricRegistry metrics = new MetricRegistry();
        try (MySqlStore store = TestStores.open(TestStores.section(db, TestStores.newTable()), metrics)) {
            // Each writer knows the final state of its own keys; a read right after a write, on another pooled
            // connection, must see it (acknowledged means committed).
            List<Map<String, String>> expected = new ArrayList<>();
            long start = System.nanoTime();
            runWriters(THREADS, t -> {
                Map<String, String> mine = new HashMap<>();
                for (int i = 0; i < WRITES_PER_THREAD; i++) {
                    String key = "w" + t + ":" + i;
                    if (i % 10 == 9) {
                        String gone = "w" + t + ":" + (i - 1);
                        store.write(new StoreBatch().delete(b(gone)).put(b(key), b("batch" + i)));
                        mine.remove(gone);
                        mine.put(key, "batch" + i);
                        assertThat(store.get(b(gone))).isNull();
                    } else {
                        store.put(b(key), b("v" + i));
                        mine.put(key, "v" + i);
                        assertThat(store.get(b(key))).isEqualTo(b("v" + i));
                    }
                }
                synchronized (expected) {
                    expected.add(mine);
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;

            Map<String, String> all = new HashMap<>();
            expected.forEach(all::putAll);
            assertThat(contents(store)).isEqualTo(all);

            long writes = metrics.counter("store.mysql.writes").getCount();
            long transactions = metrics.counter("store.mysql.transactions").getCount();
            assertThat(writes).isEqualTo((long) THREADS * WRITES_PER_THREAD);
            assertThat(transactions).as("transactions for %d writes", writes).isLessThan(writes);
            System.out.printf("group commit, %d threads: %d writes (each followed by a read) in %.2f s = %.0f writes/s;"
                            + " %d transactions = %.3f per write, %.1f writes per transaction on average, p99 %d;"
                            + " a transaction takes %.2f ms on average%n",
                    THREADS, writes, seconds, writes / seconds, transactions, (double) transactions / writes,
                    metrics.histogram("store.mysql.group_size").getSnapshot().getMean(),
                    (long) metrics.histogram("store.mysql.group_size").getSnapshot().get99thPercentile(),
                    metrics.timer("store.mysql.commit_time").getSnapshot().getMean() / 1e6);
        }
    }

    @Test
    void aWriteTheDatabaseRefusesFailsAloneAndTheOthersOfItsGroupCommit() throws Exception {
        String table = TestStores.newTable();
        MetricRegistry metrics = new MetricRegistry();
        try (MySqlStore store = TestStores.open(TestStores.section(db, table), metrics)) {
            poison(table);
            Map<String, String> failures = new ConcurrentHashMap<>();
            runWriters(THREADS, t -> {
                for (int i = 0; i < 100; i++) {
                    if (t == 0 && i % 10 == 5) {
                        try {
                            store.put(b("poison"), b("x"));
                            failures.put("poison " + i, "was accepted");
                        } catch (StoreException e) {
                            failures.put("poison " + i, e.getMessage());
                        }
                    }
                    store.put(b("w" + t + ":" + i), b("v"));
                }
            });
            assertThat(failures).hasSize(10).allSatisfy((k, message) ->
                    assertThat(message).isEqualTo("database error in write: poisoned key"));
            assertThat(contents(store)).hasSize(THREADS * 100).doesNotContainKey("poison");
            long transactions = metrics.counter("store.mysql.transactions").getCount();
            assertThat(transactions).isLessThan(THREADS * 100);
        }
    }

    /** Figures for the report: puts only, 1, 8 and 32 writers; one writer alone gets one transaction per write. */
    @Test
    void throughputByNumberOfWriters() throws Exception {
        for (int writers : new int[] {1, 8, 32}) {
            MetricRegistry metrics = new MetricRegistry();
            try (MySqlStore store = TestStores.open(TestStores.section(db, TestStores.newTable()), metrics)) {
                int perWriter = 3200 / writers;
                long start = System.nanoTime();
                runWriters(writers, t -> {
                    for (int i = 0; i < perWriter; i++) {
                        store.put(b("w" + t + ":" + i), b("value-" + i));
                    }
                });
                double seconds = (System.nanoTime() - start) / 1e9;
                long writes = (long) writers * perWriter;
                long transactions = metrics.counter("store.mysql.transactions").getCount();
                if (writers == 1) {
                    assertThat(transactions).isEqualTo(writes);
                } else {
                    // puts only: a writer is back in the queue at once, so groups are nearly as large as the writers
                    assertThat(transactions).isLessThan(writes / 2);
                }
                System.out.printf("puts, %2d writers: %.0f writes/s, %.3f transactions per write, commit %.2f ms on average%n",
                        writers, writes / seconds, (double) transactions / writes,
                        metrics.timer("store.mysql.commit_time").getSnapshot().getMean() / 1e6);
            }
        }
    }

    /** A trigger that refuses the key "poison", so one write of a group fails in the database itself. */
    private static void poison(String table) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement()) {
            for (String when : List.of("INSERT", "UPDATE")) {
                s.execute("CREATE TRIGGER " + table + "_" + when + " BEFORE " + when + " ON `" + table + "` FOR EACH ROW"
                        + " IF NEW.k = 'poison' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'poisoned key'; END IF");
            }
        }
    }

    private static Map<String, String> contents(MySqlStore store) {
        Map<String, String> out = new HashMap<>();
        try (StoreIterator it = store.scan(null, null, null)) {
            while (it.next()) {
                out.put(new String(it.key(), UTF_8), new String(it.value(), UTF_8));
            }
        }
        return out;
    }

    interface Writer {
        void run(int thread) throws Exception;
    }

    /** Runs {@code threads} writers, released at once, and rethrows the first failure. */
    static void runWriters(int threads, Writer writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    writer.run(thread);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
