package io.dynoj.mysql;

import io.dynoj.core.storage.StoreBatch.Op;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the operations of one group commit as one transaction: the last operation on each key
 * wins (what the same operations applied one by one would leave), then one multi-row upsert for
 * the puts and one {@code DELETE ... IN} for the deletes. When that is a single statement it runs
 * in autocommit mode (InnoDB makes a statement atomic): one round trip. More statements, because
 * the group is larger than {@code batch_max} rows or a statement would exceed the server's packet
 * limit, run in an explicit transaction. Not thread-safe: used by the committer thread only.
 */
final class GroupWriter {

    /** Bytes of SQL per row beside the key and value: parentheses, commas, quotes, {@code _binary}. */
    private static final int ROW_OVERHEAD = 24;

    private final Schema schema;
    private final int batchMax;
    private final long maxStatementBytes;

    /**
     * @param maxAllowedPacket the server's {@code max_allowed_packet}. Binary parameters are sent
     *     escaped in the statement text, at worst doubled: rows are counted at twice their size and a
     *     statement of several rows kept under half the packet; one entry may have up to half the
     *     packet, so even doubled it fits alone.
     */
    GroupWriter(Schema schema, int batchMax, long maxAllowedPacket) {
        this.schema = schema;
        this.batchMax = batchMax;
        this.maxStatementBytes = Math.max(1024, maxAllowedPacket / 2 - 1024);
    }

    /** The largest key plus value one put may have. */
    long maxEntryBytes() {
        return maxStatementBytes - ROW_OVERHEAD;
    }

    /** The final operation of each key, in the order given (later operations on a key replace earlier ones). */
    static Collection<Op> coalesce(List<List<Op>> batches) {
        Map<ByteBuffer, Op> last = new LinkedHashMap<>();
        for (List<Op> batch : batches) {
            for (Op op : batch) {
                last.put(ByteBuffer.wrap(op.key()), op);
            }
        }
        return last.values();
    }

    /** Applies {@code ops} (at most one per key) atomically. */
    void apply(Connection connection, Collection<Op> ops) throws SQLException {
        List<Op> puts = new ArrayList<>();
        List<Op> deletes = new ArrayList<>();
        for (Op op : ops) {
            (op.isDelete() ? deletes : puts).add(op);
        }
        List<List<Op>> statements = new ArrayList<>(chunks(puts));
        statements.addAll(chunks(deletes));
        if (statements.isEmpty()) {
            return;
        }
        if (statements.size() == 1) {
            execute(connection, statements.get(0));
            return;
        }
        connection.setAutoCommit(false);
        try {
            for (List<Op> statement : statements) {
                execute(connection, statement);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback); // a dead connection cannot roll back; the server does when it notices
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the pool resets it, or drops the connection if it is dead
            }
        }
    }

    /** Splits same-kind operations so that no statement has more than batch_max rows or too many bytes. */
    private List<List<Op>> chunks(List<Op> ops) {
        List<List<Op>> chunks = new ArrayList<>();
        List<Op> current = new ArrayList<>();
        long bytes = 0;
        for (Op op : ops) {
            long size = 2L * (op.key().length + (op.isDelete() ? 0 : op.value().length)) + ROW_OVERHEAD;
            if (!current.isEmpty() && (current.size() >= batchMax || bytes + size > maxStatementBytes)) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(op);
            bytes += size;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private void execute(Connection connection, List<Op> ops) throws SQLException {
        boolean delete = ops.get(0).isDelete();
        String sql = delete ? schema.deleteIn(ops.size()) : schema.upsert(ops.size());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            for (Op op : ops) {
                statement.setBytes(i++, op.key());
                if (!delete) {
                    statement.setBytes(i++, op.value());
                }
            }
            statement.executeUpdate();
        }
    }
}
