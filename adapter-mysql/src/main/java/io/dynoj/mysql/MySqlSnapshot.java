package io.dynoj.mysql;

import io.dynoj.core.storage.StoreException;
import io.dynoj.core.storage.StoreSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A snapshot is a REPEATABLE READ transaction opened {@code WITH CONSISTENT SNAPSHOT} on a
 * connection of the pool, held until {@link #close()}: InnoDB's MVCC then shows every scan of the
 * snapshot the table as it was when the snapshot was taken, however long the scan and whatever is
 * written meanwhile, without copying or locking anything.
 *
 * <p>Costs: each open snapshot keeps one pooled connection (so at most {@code pool_size}
 * snapshots at once, and they compete with reads and group commits for connections), and while it
 * is open InnoDB keeps the old row versions it may need (purge waits), so close it promptly.
 *
 * <p>Threading: scans of one snapshot may run from several threads; they take turns on its connection.
 */
final class MySqlSnapshot implements StoreSnapshot {

    private static final Logger log = LoggerFactory.getLogger(MySqlSnapshot.class);

    private final Connection connection;
    private final Schema schema;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private MySqlSnapshot(Connection connection, Schema schema) {
        this.connection = connection;
        this.schema = schema;
    }

    static MySqlSnapshot open(Database database, Schema schema) {
        for (int attempt = 1; ; attempt++) {
            Connection connection = database.borrow();
            try {
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    // Without WITH CONSISTENT SNAPSHOT the read view would start at the first read, not now.
                    statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                }
                return new MySqlSnapshot(connection, schema);
            } catch (SQLException e) {
                release(connection);
                // A pooled connection that died while idle (the database restarted): once more on a fresh one.
                if (attempt > 1 || !DatabaseErrors.isConnectionFailure(e)) {
                    throw DatabaseErrors.failure("snapshot", e);
                }
                database.evictIdle();
            }
        }
    }

    /** A page of a scan as of this snapshot; see {@link Pages#read}. */
    List<Pages.Row> read(byte[] lower, boolean lowerInclusive, byte[] upper, int limit) {
        lock.lock();
        try {
            if (closed) {
                throw new StoreException("the snapshot is closed");
            }
            return Pages.read(connection, schema, lower, lowerInclusive, upper, limit);
        } catch (SQLException e) {
            throw DatabaseErrors.failure("scan", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            release(connection);
        } finally {
            lock.unlock();
        }
    }

    /** Ends the read-only transaction and gives the connection back; a dead connection is dropped by the pool. */
    private static void release(Connection connection) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            log.debug("mysql store: ending a snapshot failed: {}", e.toString());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("mysql store: returning a snapshot's connection failed: {}", e.toString());
        }
    }
}
