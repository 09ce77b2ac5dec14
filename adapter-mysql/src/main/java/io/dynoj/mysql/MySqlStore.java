package io.dynoj.mysql;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.storage.OrderedStore;
import io.dynoj.core.storage.StoreBatch;
import io.dynoj.core.storage.StoreBatch.Op;
import io.dynoj.core.storage.StoreException;
import io.dynoj.core.storage.StoreIterator;
import io.dynoj.core.storage.StoreSnapshot;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The storage SPI over a MySQL or MariaDB table ({@link Schema}), through JDBC and a HikariCP pool
 * ({@link Database}). A node with {@code datastore: mysql} keeps its share of the data here.
 *
 * <ul>
 *   <li>Reads ({@link #get}) are one primary-key lookup each, in autocommit mode.
 *   <li>Writes ({@link #put}, {@link #delete}, {@link #write}) go through {@link GroupCommitter}:
 *       concurrent writes share transactions; each call returns once its own write is committed.
 *   <li>Scans page through the primary key ({@link KeysetIterator}); without a snapshot each page is
 *       a separate read, with one they all read the snapshot's transaction ({@link MySqlSnapshot}).
 *   <li>Failures are {@link StoreException}s: {@code "database unavailable: ..."} within about
 *       {@code connect_timeout} when the database cannot be reached, at once while an outage lasts.
 * </ul>
 *
 * <p>Limits: a key is at most {@value Schema#MAX_KEY_BYTES} bytes; a key plus value at most about half
 * the server's {@code max_allowed_packet} (16 MB by default on MariaDB, 64 MB on MySQL 8). Larger
 * ones are refused before anything is sent, so they fail alone.
 *
 * <p>{@link #blocking()} is true: every call waits on the network, so the node calls it from worker
 * threads. Thread-safe.
 */
public final class MySqlStore implements OrderedStore {

    private final MySqlOptions options;
    private final Database database;
    private final Schema schema;
    private final GroupWriter writer;
    private final GroupCommitter committer;
    private final String server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MySqlStore(MySqlOptions options, Database database, Schema schema, ServerInfo info, MetricRegistry metrics) {
        this.options = options;
        this.database = database;
        this.schema = schema;
        this.server = info.product() + " " + info.version();
        this.writer = new GroupWriter(schema, options.batchMax(), info.maxAllowedPacket());
        this.committer = new GroupCommitter(database, writer, options.batchMax(), metrics, "mysql-committer-" + schema.table());
    }

    /**
     * Connects, creates the table when missing, and starts the committer.
     *
     * @throws StoreException when the database cannot be reached or the table cannot be made
     */
    public static MySqlStore open(MySqlOptions options, MetricRegistry metrics) {
        Database database = new Database(options, metrics);
        Schema schema = new Schema(options.table());
        try {
            ServerInfo info = database.call("open", connection -> {
                schema.ensure(connection);
                DatabaseMetaData meta = connection.getMetaData();
                return new ServerInfo(meta.getDatabaseProductName(), meta.getDatabaseProductVersion(),
                        Schema.maxAllowedPacket(connection));
            });
            return new MySqlStore(options, database, schema, info, metrics);
        } catch (RuntimeException e) {
            database.close();
            throw new StoreException("cannot open the mysql store (table " + options.table() + " at "
                    + MySqlOptions.redact(options.url()) + "): " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] get(byte[] key) {
        checkKey(key);
        return database.call("get", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(schema.selectOne())) {
                statement.setBytes(1, key);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checkEntry(key, value);
        committer.write(List.of(new Op(key.clone(), value.clone())));
    }

    @Override
    public void delete(byte[] key) {
        checkKey(key);
        committer.write(List.of(new Op(key.clone(), null)));
    }

    @Override
    public void write(StoreBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Op> ops = new ArrayList<>(batch.size());
        for (Op op : batch.ops()) {
            if (op.isDelete()) {
                checkKey(op.key());
                ops.add(new Op(op.key().clone(), null));
            } else {
                checkEntry(op.key(), op.value());
                ops.add(new Op(op.key().clone(), op.value().clone()));
            }
        }
        committer.write(ops);
    }

    @Override
    public StoreSnapshot snapshot() {
        return MySqlSnapshot.open(database, schema);
    }

    @Override
    public StoreIterator scan(StoreSnapshot snapshot, byte[] from, byte[] to) {
        Pages.Reader reader;
        if (snapshot == null) {
            reader = (lower, inclusive, upper, limit) -> database.call("scan",
                    connection -> Pages.read(connection, schema, lower, inclusive, upper, limit));
        } else if (snapshot instanceof MySqlSnapshot mine) {
            reader = mine::read;
        } else {
            throw new IllegalArgumentException("not a snapshot of this store: " + snapshot);
        }
        return new KeysetIterator(reader, from, to, options.scanPage());
    }

    @Override
    public boolean blocking() {
        return true;
    }

    /** E.g. {@code mysql table dynoj_kv at jdbc:mariadb://db:3306/dynoj as dynoj (MariaDB 10.11.19, pool of 8, ...)}; no password. */
    @Override
    public String describe() {
        return "mysql table " + schema.table() + " at " + MySqlOptions.redact(options.url())
                + (options.user() == null ? "" : " as " + options.user())
                + " (" + server + ", pool of " + options.poolSize() + ", group commit of up to " + options.batchMax()
                + " writes)";
    }

    /** Commits the writes already queued, then closes the pool. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            committer.close();
            database.close();
        }
    }

    private static void checkKey(byte[] key) {
        if (key.length > Schema.MAX_KEY_BYTES) {
            throw new StoreException("key too long for the mysql store: " + key.length + " bytes (at most "
                    + Schema.MAX_KEY_BYTES + ")");
        }
    }

    private void checkEntry(byte[] key, byte[] value) {
        checkKey(key);
        if ((long) key.length + value.length > writer.maxEntryBytes()) {
            throw new StoreException("value too large for the mysql store: " + value.length + " bytes (at most "
                    + writer.maxEntryBytes() + ", half the server's max_allowed_packet)");
        }
    }

    private record ServerInfo(String product, String version, long maxAllowedPacket) {
    }
}
