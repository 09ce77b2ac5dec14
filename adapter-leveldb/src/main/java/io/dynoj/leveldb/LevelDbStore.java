package io.dynoj.leveldb;

import io.dynoj.core.storage.OrderedStore;
import io.dynoj.core.storage.StoreBatch;
import io.dynoj.core.storage.StoreException;
import io.dynoj.core.storage.StoreIterator;
import io.dynoj.core.storage.StoreSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBException;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.ReadOptions;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link OrderedStore} in a LevelDB database (datastore type {@code leveldb}), through native
 * leveldbjni or the pure-Java LevelDB (see {@link LevelDbLibrary}); both read and write the same files.
 *
 * <h2>Durability (checked, not assumed)</h2>
 * Every write is appended to LevelDB's log before it is acknowledged; the sync policy decides when
 * the log reaches the disk. Both libraries write the log through a shared memory mapping of the log
 * file (leveldbjni 1.8's LevelDB: {@code PosixMmapFile}; the pure-Java one: {@code MMWritableFile},
 * or unbuffered {@code FileChannel} writes when it runs out of mappings), so a record is in the
 * kernel's page cache when the call returns, with no buffer in the process. Checked with strace
 * (no write or sync system call per {@code put} under {@code none}; one {@code msync(MS_SYNC)} per
 * {@code put} under {@code always}) and by LevelDbKillIT (SIGKILL mid-stream, every acknowledged
 * write there after reopening, both libraries, every policy):
 * <ul>
 * <li>{@code sync: none} (default): a killed process ({@code kill -9}, JVM crash, OOM killer)
 *     loses <b>no</b> acknowledged write. A power loss or kernel crash loses what the kernel had
 *     not yet written back (Linux writes dirty pages back after about 30 s by default), and LevelDB
 *     then drops the damaged end of the log when it opens.
 * <li>{@code sync: always}: each write or batch is msync'ed/fdatasync'ed before it is
 *     acknowledged, so it survives a power loss (when the disk honours flushes); each write waits
 *     for the disk (a few hundred writes/s from one writer on an ordinary disk; concurrent writers
 *     share a sync, LevelDB commits them as a group).
 * <li>{@code sync: interval}: as {@code none}, plus a background sync of the log every
 *     {@code sync_interval_ms} when something was written (an empty batch written with
 *     {@code sync}, which syncs the whole log in both libraries): a power loss loses at most about
 *     the last interval of writes.
 * </ul>
 * Table files and the manifest are synced by LevelDB itself when written. A clean close syncs
 * the log in every mode.
 *
 * <h2>Threading</h2>
 * Every method may be called from many threads (LevelDB serialises writers itself). Calls made
 * after {@link #close()} throw {@link StoreException}; close waits for calls in progress, and frees
 * iterators and snapshots still open, because touching a freed native database crashes the JVM.
 */
public final class LevelDbStore implements OrderedStore {

    private static final Logger log = LoggerFactory.getLogger(LevelDbStore.class);
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    private static final WriteOptions SYNC = new WriteOptions().sync(true);
    private static final long POOL_MAX = 1024 * 1024;

    private final DB db;
    private final LevelDbLibrary library;
    private final Path dir;
    private final LevelDbOptions options;
    private final WriteOptions writeOptions;
    /** The pure-Java LevelDB keeps the arrays it is given (in its memtable); the SPI says callers may reuse theirs. */
    private final boolean copyInputs;
    private final CloseGate gate;
    private final OpenResources open;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final IntervalSync intervalSync;

    private LevelDbStore(DB db, LevelDbLibrary library, Path dir, LevelDbOptions options) {
        this.db = db;
        this.library = library;
        this.dir = dir;
        this.options = options;
        this.writeOptions = new WriteOptions().sync(options.sync() == LevelDbOptions.Sync.ALWAYS);
        this.copyInputs = !library.isNative();
        this.gate = new CloseGate("LevelDB store at " + dir);
        this.open = new OpenResources(gate);
        this.intervalSync = options.sync() == LevelDbOptions.Sync.INTERVAL
                ? new IntervalSync(this::sync, options.syncIntervalMillis()) : null;
    }

    /** Opens (creating when missing) the database in {@code dir}, with the library {@code options} choose. */
    public static LevelDbStore open(Path dir, LevelDbOptions options) {
        return open(dir, options, LevelDbLibrary.choose(options.engine()));
    }

    static LevelDbStore open(Path dir, LevelDbOptions options, LevelDbLibrary library) {
        Options dbOptions = new Options()
                .createIfMissing(true)
                .cacheSize(options.cacheMb() * 1024L * 1024L)
                .writeBufferSize(options.writeBufferMb() * 1024 * 1024);
        DB db;
        try {
            Files.createDirectories(dir);
            if (library.isNative()) {
                TableFiles.renameLdbToSst(dir);
            }
            db = library.factory().open(dir.toFile(), dbOptions);
        } catch (IOException | DBException | IllegalStateException e) {
            // IllegalStateException: the pure-Java one's file lock, already held in this JVM.
            boolean locked = e instanceof java.nio.channels.OverlappingFileLockException
                    || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("lock");
            throw new StoreException("cannot open LevelDB at " + dir + " (" + library.name() + "): " + e
                    + (locked ? " (is another node using the same data_dir?)" : ""), e);
        }
        LevelDbStore store = new LevelDbStore(db, library, dir, options);
        log.info("LevelDB: {} at {} (sync {}, cache {} MB, write buffer {} MB)", library.name(), dir,
                store.syncDescription(), options.cacheMb(), options.writeBufferMb());
        return store;
    }

    public LevelDbLibrary library() {
        return library;
    }

    @Override
    public byte[] get(byte[] key) {
        gate.enter();
        try {
            return db.get(key);
        } catch (DBException e) {
            throw failure("get", e);
        } finally {
            gate.exit();
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        gate.enter();
        try {
            db.put(own(key), own(value), writeOptions);
        } catch (DBException e) {
            throw failure("put", e);
        } finally {
            gate.exit();
        }
        written();
    }

    @Override
    public void delete(byte[] key) {
        gate.enter();
        try {
            db.delete(own(key), writeOptions);
        } catch (DBException e) {
            throw failure("delete", e);
        } finally {
            gate.exit();
        }
        written();
    }

    @Override
    public void write(StoreBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        gate.enter();
        boolean pooled = pushNativePool(batch);
        try (WriteBatch b = db.createWriteBatch()) {
            for (StoreBatch.Op op : batch.ops()) {
                if (op.isDelete()) {
                    b.delete(own(op.key()));
                } else {
                    b.put(own(op.key()), own(op.value()));
                }
            }
            db.write(b, writeOptions);
        } catch (DBException | IOException e) {
            throw failure("batch write", e);
        } finally {
            if (pooled) {
                org.fusesource.leveldbjni.JniDBFactory.popMemoryPool();
            }
            gate.exit();
        }
        written();
    }

    /**
     * leveldbjni copies each key and value of a batch into a native buffer of its own (a malloc and a free
     * each) unless the thread has a memory pool: then they come out of one chunk, freed at once when the
     * pool is popped. A group commit of hundreds of small writes then costs one allocation. True when a
     * pool was pushed (pop it).
     */
    private boolean pushNativePool(StoreBatch batch) {
        if (!library.isNative() || batch.size() < 2) {
            return false;
        }
        long bytes = 0;
        for (StoreBatch.Op op : batch.ops()) {
            bytes += op.key().length + (op.isDelete() ? 0 : op.value().length) + 16;
        }
        // Larger keys or values than the chunk get buffers of their own; the pool never grows past 1 MB.
        org.fusesource.leveldbjni.JniDBFactory.pushMemoryPool((int) Math.min(bytes, POOL_MAX));
        return true;
    }

    @Override
    public StoreSnapshot snapshot() {
        gate.enter();
        try {
            return open.track(new LevelDbSnapshot(open, db.getSnapshot()));
        } catch (DBException e) {
            throw failure("snapshot", e);
        } finally {
            gate.exit();
        }
    }

    @Override
    public StoreIterator scan(StoreSnapshot snapshot, byte[] from, byte[] to) {
        ReadOptions read = new ReadOptions();
        if (snapshot != null) {
            if (!(snapshot instanceof LevelDbSnapshot s) || s.owner() != open) {
                throw new IllegalArgumentException("not a snapshot of this store: " + snapshot);
            }
            if (s.isClosed()) {
                throw new StoreException("the snapshot is closed");
            }
            read.snapshot(s.snapshot());
        }
        gate.enter();
        try {
            DBIterator it = db.iterator(read);
            if (from != null) {
                it.seek(from);
            } else {
                it.seekToFirst();
            }
            return open.track(new LevelDbIterator(open, gate, it, to == null ? null : to.clone()));
        } catch (DBException e) {
            throw failure("scan", e);
        } finally {
            gate.exit();
        }
    }

    @Override
    public String describe() {
        return "LevelDB (" + library.name() + ") at " + dir + ", sync " + syncDescription();
    }

    private String syncDescription() {
        String sync = options.sync().name().toLowerCase(Locale.ROOT);
        return options.sync() == LevelDbOptions.Sync.INTERVAL ? sync + " " + options.syncIntervalMillis() + " ms" : sync;
    }

    private byte[] own(byte[] array) {
        return copyInputs ? array.clone() : array;
    }

    private void written() {
        if (intervalSync != null) {
            intervalSync.dirty();
        }
    }

    /** Forces the log to the disk: an empty batch written with {@code sync} fsyncs it in both libraries. */
    void sync() {
        gate.enter();
        try (WriteBatch empty = db.createWriteBatch()) {
            db.write(empty, SYNC);
        } catch (DBException | IOException e) {
            throw failure("sync", e);
        } finally {
            gate.exit();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (intervalSync != null) {
            intervalSync.close();
        }
        try {
            sync();
        } catch (RuntimeException e) {
            log.warn("LevelDB at {}: the last fsync before closing failed: {}", dir, e.toString());
        }
        if (!gate.shut(CLOSE_WAIT_MILLIS)) {
            // Freeing the database under a running call would crash the JVM; leak it instead.
            log.error("LevelDB at {}: calls still running after {} ms; the database is left open", dir,
                    CLOSE_WAIT_MILLIS);
            return;
        }
        open.freeAll();
        try {
            db.close();
        } catch (IOException | DBException e) {
            log.warn("LevelDB at {}: closing failed: {}", dir, e.toString());
        }
        log.info("LevelDB at {} closed", dir);
    }

    private StoreException failure(String what, Exception e) {
        return new StoreException("LevelDB " + what + " failed: " + e.getMessage(), e);
    }
}
