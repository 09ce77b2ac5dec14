package io.dynoj.mysql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.ConfigSection;
import io.dynoj.core.storage.OrderedStore;
import io.dynoj.core.storage.OrderedStoreContract;
import io.dynoj.core.storage.StoreBatch;
import io.dynoj.core.storage.StoreContext;
import io.dynoj.core.storage.StoreException;
import io.dynoj.core.storage.StoreProvider;
import io.dynoj.core.storage.StoreSnapshot;
import io.dynoj.testkit.MariaDbServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The storage contract, and what is particular to the mysql store, against a real MariaDB server. */
class MySqlStoreIT extends OrderedStoreContract {

    private static MariaDbServer db;
    private String table;

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

    @Override
    protected OrderedStore newStore() {
        table = TestStores.newTable();
        return TestStores.open(db, table, "scan_page", 7); // small pages: scans cross many page boundaries
    }

    private Connection sql() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    @Test
    void createsTheDocumentedTable() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = sql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY FROM"
                     + " information_schema.COLUMNS WHERE TABLE_SCHEMA = 'dynoj' AND TABLE_NAME = '" + table
                     + "' ORDER BY ORDINAL_POSITION")) {
            while (rs.next()) {
                columns.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        assertThat(columns).containsExactly("k varbinary(3072) NO PRI", "v longblob NO ", "expires_at bigint(20) YES ");
    }

    @Test
    void dataIsInTheTableAndSurvivesReopening() throws SQLException {
        store.put(b("kept"), bytes(0x00, 0xFF));
        store.close();
        try (Connection c = sql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT HEX(k), HEX(v), expires_at FROM `" + table + "`")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("6B657074");
            assertThat(rs.getString(2)).isEqualTo("00FF");
            assertThat(rs.getObject(3)).isNull();
        }
        store = TestStores.open(db, table);
        assertThat(store.get(b("kept"))).isEqualTo(bytes(0x00, 0xFF));
    }

    @Test
    void keysDifferingOnlyInTrailingSpacesOrZerosAreDistinct() {
        // CHAR/VARCHAR compare with trailing spaces ignored and BINARY pads with zeros; VARBINARY must do neither.
        store.put(b("a"), b("1"));
        store.put(b("a "), b("2"));
        store.put(bytes('a', 0), b("3"));
        assertThat(store.get(b("a"))).isEqualTo(b("1"));
        assertThat(store.get(b("a "))).isEqualTo(b("2"));
        assertThat(store.get(bytes('a', 0))).isEqualTo(b("3"));
        assertThat(entries(store.scan(null, null, null))).hasSize(3);
        store.put(new byte[0], b("empty key"));
        assertThat(store.get(new byte[0])).isEqualTo(b("empty key"));
    }

    @Test
    void refusesKeysAndValuesBeyondTheLimitsAlone() {
        byte[] longKey = new byte[Schema.MAX_KEY_BYTES + 1];
        assertThatThrownBy(() -> store.put(longKey, b("v"))).isInstanceOf(StoreException.class)
                .hasMessage("key too long for the mysql store: 3073 bytes (at most 3072)");
        assertThatThrownBy(() -> store.get(longKey)).hasMessageContaining("key too long");
        byte[] maxKey = new byte[Schema.MAX_KEY_BYTES];
        maxKey[0] = 1;
        store.put(maxKey, b("fits"));
        assertThat(store.get(maxKey)).isEqualTo(b("fits"));

        byte[] huge = new byte[9 * 1024 * 1024]; // MariaDB's max_allowed_packet is 16 MB: at most about 8 MB
        assertThatThrownBy(() -> store.write(new StoreBatch().put(b("ok"), b("v")).put(b("huge"), huge)))
                .isInstanceOf(StoreException.class).hasMessageContaining("value too large for the mysql store");
        assertThat(store.get(b("ok"))).as("the batch is refused whole").isNull();
    }

    @Test
    void describeNamesTheTableButNotThePassword() {
        assertThat(store.describe()).contains(table, db.jdbcUrl(), "MariaDB", "pool of 8").doesNotContain(db.password());
        assertThat(store.blocking()).isTrue();
    }

    @Test
    void aSnapshotHoldsOneConnectionUntilClosed() {
        // pool_size 2: two snapshots take both read connections; a read then fails after connect_timeout.
        try (MySqlStore small = TestStores.open(db, table, "pool_size", 2, "connect_timeout", 300)) {
            StoreSnapshot first = small.snapshot();
            StoreSnapshot second = small.snapshot();
            try {
                assertThatThrownBy(() -> small.get(b("x"))).hasMessageStartingWith("database unavailable: ");
                first.close();
                // the outage mark makes calls fail at once for a moment; then a read gets the freed connection
                await().ignoreExceptions().until(() -> small.get(b("x")) == null);
            } finally {
                first.close();
                second.close();
            }
        }
    }

    @Test
    void mysqlConnectorJWorksToo() {
        try (MySqlStore viaMysql = TestStores.open(TestStores.section(db, table).put("url", db.mysqlJdbcUrl()),
                new MetricRegistry())) {
            viaMysql.write(new StoreBatch().put(bytes(0x00, 0xFF), bytes(0xFF, 0x00, 0x27, 0x5C)).put(b("b"), b("2")));
            assertThat(store.get(bytes(0x00, 0xFF))).isEqualTo(bytes(0xFF, 0x00, 0x27, 0x5C));
            assertThat(keys(viaMysql.scan(null, b("a"), null))).containsExactly("b");
            try (StoreSnapshot snapshot = viaMysql.snapshot()) {
                viaMysql.delete(b("b"));
                assertThat(keys(viaMysql.scan(snapshot, b("a"), null))).containsExactly("b");
            }
            assertThat(viaMysql.describe()).contains("jdbc:mysql://");
        }
    }

    @Test
    void wrongPasswordFailsAtOpenWithoutShowingIt() {
        assertThatThrownBy(() -> TestStores.open(TestStores.section(db, table).put("password", "not-it"), new MetricRegistry()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot open the mysql store (table " + table)
                .hasMessageContaining("Access denied")
                .message().doesNotContain("not-it");
    }

    @Test
    void refusesATableThatIsNotAStoreTable() throws SQLException {
        try (Connection c = sql(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE not_ours (id INT PRIMARY KEY, name VARCHAR(20))");
        }
        assertThatThrownBy(() -> TestStores.open(db, "not_ours")).isInstanceOf(StoreException.class)
                .hasMessageContaining("table not_ours exists but is not a Dynoj store table");
    }

    @Test
    void theProviderIsFoundByTypeAndRefusesUnknownKeys() {
        StoreProvider provider = ServiceLoader.load(StoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals("mysql")).findFirst().orElseThrow();
        StoreContext context = new StoreContext(ConfigSection.of("mysql", TestStores.section(db, table).put("pool", 3)),
                Path.of("data"), new MetricRegistry());
        assertThatThrownBy(() -> provider.open(context)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown key [pool]");
        assertThatThrownBy(() -> provider.validate(context.options())).hasMessageContaining("unknown key [pool]");
        ConfigSection good = ConfigSection.of("mysql", TestStores.section(db, table));
        provider.validate(good);
        try (OrderedStore opened = provider.open(new StoreContext(good, Path.of("data"), new MetricRegistry()))) {
            opened.put(b("via"), b("provider"));
            assertThat(store.get(b("via"))).isEqualTo(b("provider"));
        }
    }

    @Test
    void scansPageThroughManyRows() {
        StoreBatch batch = new StoreBatch();
        for (int i = 0; i < 1000; i++) {
            batch.put(b(String.format("p%04d", i)), b(Integer.toString(i)));
        }
        store.write(batch);
        List<String> seen = keys(store.scan(null, b("p0100"), b("p0900")));
        assertThat(seen).hasSize(800).startsWith("p0100").endsWith("p0899").isSorted();
        assertThat(new String(store.get(b("p0999")), UTF_8)).isEqualTo("999");
    }
}
