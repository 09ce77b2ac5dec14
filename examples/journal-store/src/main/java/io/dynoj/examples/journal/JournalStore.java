package io.dynoj.examples.journal;

import io.dynoj.core.storage.MapStoreIterator;
import io.dynoj.core.storage.OrderedStore;
import io.dynoj.core.storage.StoreBatch;
import io.dynoj.core.storage.StoreException;
import io.dynoj.core.storage.StoreIterator;
import io.dynoj.core.storage.StoreSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The example store of docs/ADAPTERS.md: every entry in memory, every change appended to a journal
 * file that is replayed at open. Small on purpose; what a real store adds is listed in the doc
 * (compaction of the journal, for one).
 *
 * <p>Durability: a change is written to the file (the OS page cache) before the call returns, so a
 * killed process loses nothing; with {@code fsync} it is also on the disk. A batch is one record,
 * so a crash in the middle of writing it loses the whole batch, never half of it.
 *
 * <p>Threading: reads run in parallel; writes take one lock so that the journal's order is the
 * map's order. The store is not blocking (a write is a file append), so the node calls it on its
 * I/O threads.
 */
public final class JournalStore implements OrderedStore {

    private static final byte PUT = 'P';
    private static final byte DELETE = 'D';

    private final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private final Path file;
    private final FileChannel journal;
    private final boolean fsync;

    private JournalStore(Path file, FileChannel journal, boolean fsync) {
        this.file = file;
        this.journal = journal;
        this.fsync = fsync;
    }

    /** Opens the journal at {@code file}, creating it when missing, and replays it. */
    public static JournalStore open(Path file, boolean fsync) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            JournalStore store = new JournalStore(file, channel, fsync);
            long valid = JournalRecords.replay(channel, store::apply);
            // A record cut short by a crash is dropped: the journal continues after the last whole one.
            channel.truncate(valid);
            channel.position(valid);
            return store;
        } catch (IOException e) {
            throw new StoreException("cannot open the journal " + file + ": " + e.getMessage(), e);
        }
    }

    private void apply(byte op, byte[] key, byte[] value) {
        if (op == PUT) {
            map.put(key, value);
        } else {
            map.remove(key);
        }
    }

    @Override
    public byte[] get(byte[] key) {
        byte[] v = map.get(key);
        return v == null ? null : v.clone();
    }

    @Override
    public void put(byte[] key, byte[] value) {
        write(new StoreBatch().put(key, value));
    }

    @Override
    public void delete(byte[] key) {
        write(new StoreBatch().delete(key));
    }

    @Override
    public synchronized void write(StoreBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        ByteBuffer record = JournalRecords.encode(batch);
        try {
            while (record.hasRemaining()) {
                journal.write(record);
            }
            if (fsync) {
                journal.force(false);
            }
        } catch (IOException e) {
            throw new StoreException("journal " + file + ": " + e.getMessage(), e);
        }
        for (StoreBatch.Op op : batch.ops()) {
            apply(op.isDelete() ? DELETE : PUT, op.key().clone(), op.isDelete() ? null : op.value().clone());
        }
    }

    /** A copy of the map, taken under the write lock so that no batch is half in it. */
    @Override
    public synchronized StoreSnapshot snapshot() {
        TreeMap<byte[], byte[]> copy = new TreeMap<>(Arrays::compareUnsigned);
        copy.putAll(map);
        return new Snapshot(copy);
    }

    @Override
    public StoreIterator scan(StoreSnapshot snapshot, byte[] from, byte[] to) {
        return MapStoreIterator.range(snapshot instanceof Snapshot s ? s.copy : map, from, to);
    }

    @Override
    public String describe() {
        return "journal store at " + file + (fsync ? " (fsync every write)" : "");
    }

    @Override
    public synchronized void close() {
        try {
            if (journal.isOpen()) {
                journal.force(false);
                journal.close();
            }
        } catch (IOException e) {
            throw new StoreException("closing the journal " + file + ": " + e.getMessage(), e);
        }
    }

    private record Snapshot(NavigableMap<byte[], byte[]> copy) implements StoreSnapshot {
        @Override
        public void close() {
        }
    }
}
