package io.dynoj.mysql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.storage.StoreException;
import io.dynoj.testkit.MariaDbServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away while clients write through the store: calls fail quickly with "database
 * unavailable", nothing hangs, every acknowledged write is kept, and the store works again once the
 * database is back, without being reopened.
 */
class MySqlRestartIT {

    private static final int CONNECT_TIMEOUT_MS = 1000;
    private static final int QUERY_TIMEOUT_MS = 1500;
    /** The longest a call may take while the database is away: a connect timeout plus a query timeout, and slack. */
    private static final Duration WORST_CALL = Duration.ofMillis(CONNECT_TIMEOUT_MS + QUERY_TIMEOUT_MS + 2000);

    private MariaDbServer db;
    private MySqlStore store;

    @BeforeEach
    void start() {
        db = MariaDbServer.start();
        store = TestStores.open(TestStores.section(db, TestStores.newTable(),
                "connect_timeout", CONNECT_TIMEOUT_MS, "query_timeout", QUERY_TIMEOUT_MS), new MetricRegistry());
    }

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void aRestartWhileClientsWrite() throws Exception {
        outageWhileWriting(() -> db.stop(), () -> db.restart());
    }

    @Test
    void aCrashWhileClientsWriteLosesNoAcknowledgedWrite() throws Exception {
        outageWhileWriting(() -> db.crash(), () -> db.restart());
    }

    @Test
    void aHungDatabaseFailsCallsWithinTheTimeouts() throws Exception {
        store.put(b("before"), b("1"));
        outageWhileWriting(() -> db.freeze(), () -> db.thaw());
        assertThat(store.get(b("before"))).isEqualTo(b("1"));
    }

    @Test
    void aStoreOpenedBeforeItsDatabaseWorksOnceTheDatabaseIsUp() {
        db.stop();
        long start = System.nanoTime();
        String table = TestStores.newTable();
        try (MySqlStore early = TestStores.open(db, table, "connect_timeout", CONNECT_TIMEOUT_MS)) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WORST_CALL);
            assertThat(early.describe()).contains("database not reached yet");
            assertThatThrownBy(() -> early.put(b("k"), b("v"))).hasMessageStartingWith("database unavailable: ");
            assertThatThrownBy(() -> early.get(b("k"))).hasMessageStartingWith("database unavailable: ");

            db.restart();
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> early.put(b("k"), b("v")));
            assertThat(early.get(b("k"))).isEqualTo(b("v"));
            assertThat(early.describe()).contains("MariaDB");
        }
    }

    /**
     * Eight writers (each put acknowledged is remembered) and a reader run while {@code outage} takes
     * the database away; every call during it fails with "database unavailable" within
     * {@link #WORST_CALL}, most at once; after {@code recovery} writes succeed again, and every
     * acknowledged write is in the database.
     */
    private void outageWhileWriting(Runnable outage, Runnable recovery) throws Exception {
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        Queue<Long> failureMillis = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int t = 0; t < 9; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String key = "w" + thread + ":" + i;
                        long start = System.nanoTime();
                        try {
                            if (thread == 8) {
                                store.get(b("w0:0"));
                            } else {
                                store.put(b(key), b("v" + i));
                                acknowledged.put(key, "v" + i);
                            }
                        } catch (StoreException e) {
                            failures.add(e.getMessage());
                            failureMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 200);
            assertThat(failures).isEmpty();

            outage.run();
            await().atMost(Duration.ofSeconds(30)).until(() -> failures.size() >= 100);
            int acknowledgedDuringOutage = acknowledged.size();

            recovery.run();
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= acknowledgedDuringOutage + 200);
            stop.set(true);
            for (Future<?> worker : workers) {
                worker.get(WORST_CALL.toMillis() * 2, TimeUnit.MILLISECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }

        assertThat(failures).allSatisfy(m -> assertThat(m).startsWith("database unavailable: "));
        List<Long> sorted = failureMillis.stream().sorted().toList();
        assertThat(sorted.get(sorted.size() - 1)).as("slowest failed call, ms").isLessThan(WORST_CALL.toMillis());
        assertThat(sorted.get(sorted.size() / 2)).as("median failed call, ms: most fail at once").isLessThan(100);
        System.out.printf("outage: %d calls failed, median %d ms, slowest %d ms, e.g. \"%s\"%n",
                sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), failures.peek());

        for (Map.Entry<String, String> e : acknowledged.entrySet()) {
            assertThat(store.get(b(e.getKey()))).as(e.getKey()).isEqualTo(b(e.getValue()));
        }
    }
}
