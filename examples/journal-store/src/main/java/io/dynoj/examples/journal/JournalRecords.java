package io.dynoj.examples.journal;

import io.dynoj.core.storage.StoreBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The journal's format: one record per batch, {@code [int length][int count]} then per operation
 * {@code [op 'P'|'D'][int key length][key][int value length][value]} (no value for a delete).
 */
final class JournalRecords {

    /** Receives each replayed operation, in order. */
    interface Replay {
        void apply(byte op, byte[] key, byte[] value);
    }

    private JournalRecords() {
    }

    static ByteBuffer encode(StoreBatch batch) {
        int size = 8;
        for (StoreBatch.Op op : batch.ops()) {
            size += 1 + 4 + op.key().length + (op.isDelete() ? 0 : 4 + op.value().length);
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putInt(size - 4).putInt(batch.size());
        for (StoreBatch.Op op : batch.ops()) {
            buf.put(op.isDelete() ? (byte) 'D' : (byte) 'P').putInt(op.key().length).put(op.key());
            if (!op.isDelete()) {
                buf.putInt(op.value().length).put(op.value());
            }
        }
        return buf.flip();
    }

    /** Replays every whole record from the start; returns where the last whole record ends. */
    static long replay(FileChannel channel, Replay replay) throws IOException {
        long position = 0;
        long size = channel.size();
        ByteBuffer header = ByteBuffer.allocate(4);
        while (position + 4 <= size) {
            header.clear();
            channel.read(header, position);
            int length = header.flip().getInt();
            if (length < 4 || position + 4 + length > size) {
                break;
            }
            ByteBuffer record = ByteBuffer.allocate(length);
            channel.read(record, position + 4);
            record.flip();
            int count = record.getInt();
            for (int i = 0; i < count; i++) {
                byte op = record.get();
                byte[] key = new byte[record.getInt()];
                record.get(key);
                byte[] value = null;
                if (op == 'P') {
                    value = new byte[record.getInt()];
                    record.get(value);
                }
                replay.apply(op, key, value);
            }
            position += 4 + length;
        }
        return position;
    }
}
