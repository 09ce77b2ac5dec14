package io.dynoj.mysql;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dynoj.core.storage.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool (HikariCP) and how every call uses it: borrow a connection, run, give it back,
 * with failures turned into {@link StoreException}s and an outage answered without waiting.
 *
 * <p>Outages: a call waits at most {@code connect_timeout} for a connection. Once a call found the
 * database unreachable, calls fail at once with the same {@code "database unavailable: ..."} for
 * {@value #RETRY_INTERVAL_MILLIS} ms; after that one call at a time tries again (the others still
 * fail at once), and the first success ends the outage. So a client with many commands in flight
 * gets its errors in milliseconds, not one connect timeout per command. Hikari drops connections
 * that failed and opens new ones when the database is back.
 *
 * <p>A statement that fails because its (pooled) connection died, typically one opened before the
 * database restarted, is run once more on a new connection (the pool's others are dropped too),
 * provided the failure came fast: what the store runs is idempotent (reads, and writes of final
 * values by the one committer).
 *
 * <p>Thread-safe.
 */
final class Database implements AutoCloseable {

    /** Work done with one borrowed connection. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    static final long RETRY_INTERVAL_MILLIS = 500;
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final long connectTimeoutNanos;
    private final Counter unavailable;
    private final AtomicBoolean probing = new AtomicBoolean();
    /** System.nanoTime() of the last connection failure of the current outage; 0 while reachable. */
    private volatile long lastFailure;
    private volatile String failureReason;

    /**
     * @param connections the pool's size
     * @param role names the pool ({@code dynoj-mysql-<table>-<role>}) in logs and metrics
     */
    Database(MySqlOptions options, MetricRegistry metrics, int connections, String role) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("dynoj-mysql-" + options.table() + "-" + role);
        config.setJdbcUrl(options.url());
        // Named, not looked up by URL: DriverManager finds drivers through the class path's loader,
        // and this adapter and its drivers live in plugins/mysql/, a child loader it cannot see.
        config.setDriverClassName(options.url().startsWith("jdbc:mysql:") ? "com.mysql.cj.jdbc.Driver" : "org.mariadb.jdbc.Driver");
        config.setUsername(options.user());
        config.setPassword(options.password());
        config.setMaximumPoolSize(connections);
        config.setConnectionTimeout(options.connectTimeoutMillis());
        config.setValidationTimeout(Math.max(250, options.connectTimeoutMillis() / 2));
        config.setInitializationFailTimeout(-1); // the store's first statement reports an unreachable database itself
        config.setAutoCommit(true);
        config.setMetricRegistry(metrics); // Hikari's own pool metrics: <pool name>.pool.Wait, .ActiveConnections...
        // Both drivers read these names (milliseconds): a dead host must not outlast connect_timeout,
        // a hung server must not hold a call longer than query_timeout.
        config.addDataSourceProperty("connectTimeout", Integer.toString(options.connectTimeoutMillis()));
        if (options.queryTimeoutMillis() > 0) {
            config.addDataSourceProperty("socketTimeout", Integer.toString(options.queryTimeoutMillis()));
        }
        this.pool = new HikariDataSource(config);
        this.connectTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.connectTimeoutMillis());
        this.unavailable = metrics.counter("store.mysql.unavailable");
    }

    /**
     * Runs {@code work} on a pooled connection; {@code what} names the operation in error messages.
     *
     * @throws StoreException "database unavailable: ..." or "database error in {what}: ..."
     */
    <T> T call(String what, Work<T> work) {
        boolean probe = enter();
        try {
            T result = attempt(what, work);
            reachable();
            return result;
        } finally {
            if (probe) {
                probing.set(false);
            }
        }
    }

    /** A connection the caller keeps (and closes to give it back), e.g. for a snapshot. */
    Connection borrow() {
        boolean probe = enter();
        try {
            Connection connection = pool.getConnection();
            reachable();
            return connection;
        } catch (SQLException e) {
            throw down(e);
        } finally {
            if (probe) {
                probing.set(false);
            }
        }
    }

    /** Fails at once during an outage unless it is time for this caller to try; true if it is that probe. */
    private boolean enter() {
        if (lastFailure == 0) {
            return false;
        }
        long since = System.nanoTime() - lastFailure;
        if (since < TimeUnit.MILLISECONDS.toNanos(RETRY_INTERVAL_MILLIS) || !probing.compareAndSet(false, true)) {
            unavailable.inc();
            throw new DatabaseUnavailableException(failureReason, null);
        }
        return true;
    }

    private void reachable() {
        if (lastFailure != 0) {
            lastFailure = 0;
            log.info("mysql store: the database is reachable again");
        }
    }

    private <T> T attempt(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            Connection connection;
            try {
                connection = pool.getConnection();
            } catch (SQLException e) {
                throw down(e);
            }
            try (connection) {
                return work.run(connection);
            } catch (SQLException e) {
                if (!DatabaseErrors.isConnectionFailure(e)) {
                    throw DatabaseErrors.failure(what, e);
                }
                if (attempt > 1 || System.nanoTime() - start > connectTimeoutNanos) {
                    throw down(e);
                }
                log.debug("mysql store: {} failed on a dead connection, once more on a new one: {}", what, e.toString());
                evictIdle();
            }
        }
    }

    /**
     * Closes the pool's idle connections (and the busy ones when they come back): when one died
     * because the server restarted, so did the others, and Hikari does not test a connection used
     * in the last 500 ms before handing it out.
     */
    void evictIdle() {
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    private DatabaseUnavailableException down(SQLException e) {
        DatabaseUnavailableException failure = DatabaseErrors.unavailable(e);
        failureReason = failure.reason();
        if (lastFailure == 0) {
            log.warn("mysql store: {}", failure.getMessage());
        }
        lastFailure = System.nanoTime() | 1; // never 0, which means reachable
        unavailable.inc();
        return failure;
    }

    @Override
    public void close() {
        pool.close();
    }
}
