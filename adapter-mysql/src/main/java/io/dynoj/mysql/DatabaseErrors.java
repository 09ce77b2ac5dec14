package io.dynoj.mysql;

import io.dynoj.core.storage.StoreException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns JDBC failures into {@link StoreException}s whose message a client can read: one line, no
 * password, {@code "database unavailable: ..."} when the database cannot be reached.
 */
final class DatabaseErrors {

    static final String UNAVAILABLE = "database unavailable: ";
    private static final int MAX_MESSAGE = 300;

    private DatabaseErrors() {
    }

    /**
     * True when {@code e} (or a cause) says the connection, not the statement, failed: SQLSTATE
     * class 08 (connection exception), a socket error, or a connection exception without a
     * SQLSTATE. Exception classes alone are not trusted: MariaDB Connector/J reports a trigger's
     * {@code SIGNAL SQLSTATE '45000'} as an SQLTransientConnectionException.
     */
    static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof java.io.EOFException
                    || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && state.startsWith("08")) {
                    return true;
                }
                if (state == null && (t instanceof SQLTransientConnectionException
                        || t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException)) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static DatabaseUnavailableException unavailable(Throwable e) {
        return new DatabaseUnavailableException(describe(e), e);
    }

    /** A failure of {@code what} ("put", "scan"...): unavailable, or the database's own error. */
    static StoreException failure(String what, SQLException e) {
        if (isConnectionFailure(e)) {
            return unavailable(e);
        }
        return new StoreException("database error in " + what + ": " + describe(e), e);
    }

    /**
     * The most telling message of the chain: Hikari's "request timed out" says less than the
     * driver's "Socket fail to connect ... Connection refused" it wraps, so the deepest SQL message
     * wins, then the deepest message of any kind.
     */
    static String describe(Throwable e) {
        String sqlMessage = null;
        String anyMessage = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                anyMessage = t.getMessage();
                if (t instanceof SQLException) {
                    sqlMessage = t.getMessage();
                }
            }
        }
        String message = sqlMessage != null ? sqlMessage : anyMessage;
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        // MariaDB Connector/J starts its messages with "(conn=<server thread id>) ", noise to a client.
        message = MySqlOptions.redact(message.replaceAll("\\s+", " ").replaceFirst("^\\(conn=\\d+\\) ", "").trim());
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    }
}
