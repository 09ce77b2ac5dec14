package io.dynoj.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.MariaDbServer;
import io.dynoj.testkit.RespClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node with {@code datastore: mysql} serves Redis commands from the database, through StoreDatastore. */
class MySqlNodeIT {

    private static final int CLIENTS = 32;
    private static final int INCRS_PER_CLIENT = 100;

    private MariaDbServer db;
    private String table;
    private NodeFixture node;

    @BeforeEach
    void start() {
        db = MariaDbServer.start();
        table = TestStores.newTable();
        node = NodeFixture.builder("redis", Backend.store("mysql")).configure(c -> c.ioThreads(2)
                .datastoreConnections(CLIENTS) // worker lanes for a blocking store: one per client here
                .section("mysql", TestStores.section(db, table, "connect_timeout", 1000, "pool_size", 8))).start();
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private RespClient client() {
        return new RespClient("127.0.0.1", node.port());
    }

    @Test
    void clientsIncrementingOneKeyEndAtTheExactCountAndTheRowsAreInTheTable() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        try {
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int id = c;
                clients.add(CompletableFuture.runAsync(() -> {
                    try (RespClient client = client()) {
                        for (int i = 0; i < INCRS_PER_CLIENT; i++) {
                            client.call("INCR", "counter");
                        }
                        client.call("SET", "client" + id, "done");
                        client.call("APPEND", "log", "x");
                    }
                }, pool));
            }
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("node on mysql: %d clients, %d INCR on one key in %.2f s = %.0f INCR/s%n",
                CLIENTS, CLIENTS * INCRS_PER_CLIENT, seconds, CLIENTS * INCRS_PER_CLIENT / seconds);
        try (RespClient client = client()) {
            assertThat(client.call("GET", "counter")).isEqualTo(Long.toString((long) CLIENTS * INCRS_PER_CLIENT).getBytes());
            assertThat(client.call("STRLEN", "log")).isEqualTo((long) CLIENTS);
            assertThat(client.call("GET", "client7")).isEqualTo("done".getBytes());
        }
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + table + "` WHERE k IN ('kcounter', 'klog')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void clientsWritingTheirOwnKeysShareTransactions() throws Exception {
        int setsPerClient = 200;
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        try {
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int id = c;
                clients.add(CompletableFuture.runAsync(() -> {
                    try (RespClient client = client()) {
                        for (int i = 0; i < setsPerClient; i++) {
                            client.call("SET", "c" + id + ":" + i, "v" + i);
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long sets = (long) CLIENTS * setsPerClient;
        long transactions = node.node().metrics().counter("store.mysql.transactions").getCount();
        System.out.printf("node on mysql: %d clients, %d SET of distinct keys in %.2f s = %.0f SET/s,"
                + " %d transactions (%.3f per SET)%n", CLIENTS, sets, seconds, sets / seconds, transactions,
                (double) transactions / sets);
        assertThat(transactions).isLessThan(sets / 2);
        try (RespClient client = client()) {
            for (int c = 0; c < CLIENTS; c++) {
                assertThat(client.call("GET", "c" + c + ":" + (setsPerClient - 1))).isEqualTo(("v" + (setsPerClient - 1)).getBytes());
            }
        }
    }

    @Test
    void aDatabaseOutageIsAnErrorReplyNotAHang() {
        try (RespClient client = client()) {
            assertThat(client.call("SET", "greeting", "hello")).isEqualTo("OK");
            db.stop();
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.call("SET", "other", "x"))
                    .isInstanceOf(RespClient.RespError.class)
                    .hasMessageContaining("database unavailable: ");
            // a key the engine has not cached: the read goes to the database
            assertThatThrownBy(() -> client.call("GET", "not-read-before")).hasMessageContaining("database unavailable: ");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

            db.restart();
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> "OK".equals(client.call("SET", "other", "y")));
            assertThat(client.call("GET", "greeting")).isEqualTo("hello".getBytes());
        }
    }
}
