package io.dynoj.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The table of a mysql store and the SQL run on it.
 *
 * <pre>
 * CREATE TABLE IF NOT EXISTS dynoj_kv (
 *   k          VARBINARY(3072) NOT NULL,   -- the store key, compared byte by byte (unsigned)
 *   v          LONGBLOB        NOT NULL,   -- the value, opaque
 *   expires_at BIGINT          NULL,       -- reserved (always NULL today; see below)
 *   PRIMARY KEY (k)
 * ) ENGINE=InnoDB ROW_FORMAT=DYNAMIC
 * </pre>
 *
 * <p>The primary key is InnoDB's clustered index: rows are kept in key order, so a range scan reads
 * consecutive index pages, and a binary column compares bytes as unsigned, which is the order the
 * storage SPI promises. A key is at most {@value #MAX_KEY_BYTES} bytes (InnoDB's largest index key
 * with the DYNAMIC row format); the Redis engine spends one of them on its prefix.
 *
 * <p>{@code expires_at} is reserved: the store does not look into values (expiry times live in the
 * values the command engines write), so it leaves the column NULL. It is there so that a later
 * version can let the database find expired rows by an index without changing the table.
 *
 * <p>Upserts use {@code VALUES(v)} in {@code ON DUPLICATE KEY UPDATE}, which both MariaDB and MySQL
 * (deprecated there, still accepted in 8 and 9) understand.
 */
final class Schema {

    /** InnoDB's limit on an index key with ROW_FORMAT=DYNAMIC (innodb_large_prefix, the default since 10.2 / 5.7). */
    static final int MAX_KEY_BYTES = 3072;

    private final String table;

    Schema(String table) {
        this.table = table;
    }

    String table() {
        return table;
    }

    String createTable() {
        return "CREATE TABLE IF NOT EXISTS `" + table + "` ("
                + " k VARBINARY(" + MAX_KEY_BYTES + ") NOT NULL,"
                + " v LONGBLOB NOT NULL,"
                + " expires_at BIGINT NULL,"
                + " PRIMARY KEY (k)"
                + ") ENGINE=InnoDB ROW_FORMAT=DYNAMIC";
    }

    /**
     * Creates the table when missing and checks that it has the three columns, so that a wrong
     * {@code table:} fails at start, not at the first command. An existing table is only read, so
     * the user needs the CREATE privilege only when the node is to make the table itself.
     */
    void ensure(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try {
                probe(statement);
            } catch (SQLException e) {
                if ("42S22".equals(e.getSQLState())) { // unknown column
                    throw new SQLException("table " + table + " exists but is not a Dynoj store table (it needs columns"
                            + " k, v, expires_at): " + e.getMessage(), e.getSQLState()); // no cause: this message is the one to show
                }
                if (!"42S02".equals(e.getSQLState())) { // 42S02: no such table; anything else is not ours to fix
                    throw e;
                }
                statement.execute(createTable());
                probe(statement);
            }
        }
    }

    private void probe(Statement statement) throws SQLException {
        statement.executeQuery("SELECT k, v, expires_at FROM `" + table + "` WHERE 1 = 0").close();
    }

    /** The server's {@code max_allowed_packet}: the largest statement it accepts. */
    static long maxAllowedPacket(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@max_allowed_packet")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String selectOne() {
        return "SELECT v FROM `" + table + "` WHERE k = ?";
    }

    /** {@code rows} puts in one statement; a later row for the same key wins, as rows apply in order. */
    String upsert(int rows) {
        StringBuilder sql = new StringBuilder(64 + rows * 6).append("INSERT INTO `").append(table).append("` (k, v) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "(?,?)" : ",(?,?)");
        }
        return sql.append(" ON DUPLICATE KEY UPDATE v = VALUES(v), expires_at = NULL").toString();
    }

    String deleteIn(int keys) {
        StringBuilder sql = new StringBuilder(48 + keys * 2).append("DELETE FROM `").append(table).append("` WHERE k IN (");
        for (int i = 0; i < keys; i++) {
            sql.append(i == 0 ? "?" : ",?");
        }
        return sql.append(')').toString();
    }

    /**
     * One page of a keyset scan: keys after the last one seen ({@code >} it) or from the lower bound
     * ({@code >=}), below the upper bound, in key order; the primary key serves it as a range read.
     */
    String page(boolean hasLower, boolean lowerInclusive, boolean hasUpper) {
        StringBuilder sql = new StringBuilder("SELECT k, v FROM `").append(table).append('`');
        if (hasLower || hasUpper) {
            sql.append(" WHERE ");
            if (hasLower) {
                sql.append(lowerInclusive ? "k >= ?" : "k > ?");
            }
            if (hasUpper) {
                sql.append(hasLower ? " AND k < ?" : "k < ?");
            }
        }
        return sql.append(" ORDER BY k LIMIT ?").toString();
    }
}
