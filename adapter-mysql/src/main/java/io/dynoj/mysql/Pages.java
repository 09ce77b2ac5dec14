package io.dynoj.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads one page of a keyset scan ({@link Schema#page}). Stateless. */
final class Pages {

    /** One row of a page. */
    record Row(byte[] key, byte[] value) {
    }

    /** Reads a page of a scan; the arguments are those of {@link #read}. */
    interface Reader {
        List<Row> read(byte[] lower, boolean lowerInclusive, byte[] upper, int limit);
    }

    private Pages() {
    }

    /**
     * Up to {@code limit} rows with {@code lower <= k} (or {@code lower < k}) and {@code k < upper},
     * in key order; a null bound is open.
     */
    static List<Row> read(Connection connection, Schema schema, byte[] lower, boolean lowerInclusive, byte[] upper,
                          int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                schema.page(lower != null, lowerInclusive, upper != null))) {
            int i = 1;
            if (lower != null) {
                statement.setBytes(i++, lower);
            }
            if (upper != null) {
                statement.setBytes(i++, upper);
            }
            statement.setInt(i, limit);
            List<Row> rows = new ArrayList<>(Math.min(limit, 1024));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getBytes(1), rs.getBytes(2)));
                }
            }
            return rows;
        }
    }
}
