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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage SPI over a MySQL or MariaDB table ({@link Schema}), through JDBC and a HikariCP pool
 * ({@link Database}): {@code pool_size} connections for reads and snapshots, and one more for the
 * committer. A node with {@code datastore: mysql} keeps its share of the data here.
 *
 * <ul>
 *   <li>Reads ({@link #get}) are one primary-key lookup each, in autocommit mode.
 *   <li>Writes ({@link #put}, {@link #delete}, {@link #write}) go through {@link GroupCommitter}:
 *       concurrent writes share transactions; each call returns once its own write is committed.
 *   <li>Scans page through the primary key ({@link KeysetIterator}); without a snapshot each page is
 *       a separate read, with one they all read the snapshot's transaction ({@link MySqlSnapshot}).
 *   <li>Failures are {@link StoreException}s: {@code "database unavailable: ..."} within about
 *       {@code connect_timeout} when the database cannot be reached, at once while an outage lasts.
 *       The pool reconnects by itself when the database is back; a store opened while the database
 *       was away creates its table then.
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

    private static final Logger log = LoggerFactory.getLogger(MySqlStore.class);

    private final MySqlOptions options;
    private final Database database;
    /** The committer's own connection: group commits never queue behind reads for a pooled one. */
    private final Database writes;
    private final Schema schema;
    private final MetricRegistry metrics;
    private final Object initLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Null until the database has been reached once: table checked, packet limit known, committer running. */
    private volatile Ready ready;

    private MySqlStore(MySqlOptions options, MetricRegistry metrics) {
        this.options = options;
        this.metrics = metrics;
        this.database = new Database(options, metrics, options.poolSize(), "read");
        this.writes = new Database(options, metrics, 1, "write");
        this.schema = new Schema(options.table());
    }

    /**
     * Connects, creates the table when missing, and starts the committer. When the database cannot be
     * reached (refused, timed out), the store opens anyway and does this at its first call that
     * reaches the database; until then calls fail with "database unavailable". So a node may start
     * before its database.
     *
     * @throws StoreException when the database refuses the login, or the table cannot be made or used
     */
    public static MySqlStore open(MySqlOptions options, MetricRegistry metrics) {
        MySqlStore store = new MySqlStore(options, metrics);
        try {
            store.ready();
        } catch (DatabaseUnavailableException e) {
            if (!DatabaseErrors.isConnectionFailure(e.getCause())) {
                throw store.cannotOpen(e); // e.g. Access denied: waiting would not help
            }
            log.warn("mysql store: {}; starting anyway: the table {} is checked once the database answers",
                    e.getMessage(), options.table());
        } catch (RuntimeException e) {
            throw store.cannotOpen(e);
        }
        return store;
    }

    private StoreException cannotOpen(RuntimeException e) {
        database.close();
        writes.close();
        return new StoreException("cannot open the mysql store (table " + options.table() + " at "
                + MySqlOptions.redact(options.url()) + "): " + e.getMessage(), e);
    }

    private Ready ready() {
        Ready current = ready;
        if (current != null) {
            return current;
        }
        synchronized (initLock) {
            if (ready == null) {
                if (closed.get()) {
                    throw new StoreException("mysql store is closed");
                }
                ServerInfo info = database.call("open", connection -> {
                    schema.ensure(connection);
                    DatabaseMetaData meta = connection.getMetaData();
                    return new ServerInfo(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion(),
                            Schema.maxAllowedPacket(connection));
                });
                GroupWriter writer = new GroupWriter(schema, options.batchMax(), info.maxAllowedPacket());
                ready = new Ready(info.server(), writer, new GroupCommitter(writes, writer, options.batchMax(),
                        metrics, "mysql-committer-" + schema.table()));
            }
            return ready;
        }
    }

    @Override
    public byte[] get(byte[] key) {
        checkKey(key);
        ready();
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
        Ready r = ready();
        checkEntry(r, key, value);
        r.committer().write(List.of(new Op(key.clone(), value.clone())));
    }

    @Override
    public void delete(byte[] key) {
        checkKey(key);
        ready().committer().write(List.of(new Op(key.clone(), null)));
    }

    @Override
    public void write(StoreBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        Ready r = ready();
        List<Op> ops = new ArrayList<>(batch.size());
        for (Op op : batch.ops()) {
            if (op.isDelete()) {
                checkKey(op.key());
                ops.add(new Op(op.key().clone(), null));
            } else {
                checkEntry(r, op.key(), op.value());
                ops.add(new Op(op.key().clone(), op.value().clone()));
            }
        }
        r.committer().write(ops);
    }

    @Override
    public StoreSnapshot snapshot() {
        ready();
        return MySqlSnapshot.open(database, schema);
    }

    @Override
    public StoreIterator scan(StoreSnapshot snapshot, byte[] from, byte[] to) {
        Pages.Reader reader;
        if (snapshot == null) {
            ready();
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

    /** Enough commands at once for group commit to gather writes: four per pooled connection. */
    @Override
    public int concurrency() {
        return options.poolSize() * 4;
    }

    /** E.g. {@code mysql table dynoj_kv at jdbc:mariadb://db:3306/dynoj as dynoj (MariaDB 10.11.19, pool of 8, ...)}; no password. */
    @Override
    public String describe() {
        Ready r = ready;
        return "mysql table " + schema.table() + " at " + MySqlOptions.redact(options.url())
                + (options.user() == null ? "" : " as " + options.user())
                + " (" + (r == null ? "database not reached yet" : r.server()) + ", pool of " + options.poolSize()
                + ", group commit of up to " + options.batchMax() + " writes)";
    }

    /** Commits the writes already queued, then closes the pool. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            synchronized (initLock) {
                if (ready != null) {
                    ready.committer().close();
                }
            }
            writes.close();
            database.close();
        }
    }

    private static void checkKey(byte[] key) {
        if (key.length > Schema.MAX_KEY_BYTES) {
            throw new StoreException("key too long for the mysql store: " + key.length + " bytes (at most "
                    + Schema.MAX_KEY_BYTES + ")");
        }
    }

    private static void checkEntry(Ready ready, byte[] key, byte[] value) {
        checkKey(key);
        long max = ready.writer().maxEntryBytes();
        if ((long) key.length + value.length > max) {
            throw new StoreException("value too large for the mysql store: " + value.length + " bytes (at most "
                    + max + ", half the server's max_allowed_packet)");
        }
    }

    private record ServerInfo(String server, long maxAllowedPacket) {
    }

    private record Ready(String server, GroupWriter writer, GroupCommitter committer) {
    }
}
