package io.dynoj.mysql;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.dynoj.core.storage.StoreBatch.Op;
import io.dynoj.core.storage.StoreException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: writes from many threads become few transactions. A caller queues its operations
 * and waits; one committer thread takes everything queued (up to {@code batch_max} operations,
 * always at least one caller's) and writes it as one transaction ({@link GroupWriter}), then
 * answers every caller of the group. While a transaction is in flight new writes queue up, so the
 * busier the store the larger the groups, and an idle store adds no delay.
 *
 * <p>What a caller sees does not change: {@link #write} returns once its operations are committed
 * (acknowledged means committed) and throws the failure of its own operations. When a group fails
 * for another reason than an unreachable database, its callers' writes are retried one transaction
 * each, so a write the database refuses fails alone. Order: one committer, a FIFO queue, and "the
 * last operation on a key wins" within a group, so a later write to a key never overtakes an earlier one.
 *
 * <p>Threading: {@link #write} from any number of threads; everything else on the committer thread.
 */
final class GroupCommitter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    private final Database database;
    private final GroupWriter writer;
    private final int batchMax;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Thread thread;
    private final Counter transactions;
    private final Counter writes;
    private final Histogram groupSize;
    private final Timer commitTime;
    private boolean closed;

    GroupCommitter(Database database, GroupWriter writer, int batchMax, MetricRegistry metrics, String name) {
        this.database = database;
        this.writer = writer;
        this.batchMax = batchMax;
        this.transactions = metrics.counter("store.mysql.transactions");
        this.writes = metrics.counter("store.mysql.writes");
        this.groupSize = metrics.histogram("store.mysql.group_size");
        this.commitTime = metrics.timer("store.mysql.commit_time");
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues {@code ops} (applied atomically, in order) and returns once they are committed. */
    void write(List<Op> ops) {
        Pending pending = new Pending(ops);
        lock.lock();
        try {
            if (closed) {
                throw new StoreException("mysql store is closed");
            }
            queue.add(pending);
            queued.signal();
        } finally {
            lock.unlock();
        }
        try {
            pending.done.get();
        } catch (ExecutionException e) {
            // A new exception per caller: its stack shows the caller, its cause the committer's failure.
            throw new StoreException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the database; the write may or may not be applied");
        }
    }

    private void run() {
        for (List<Pending> group = take(); group != null; group = take()) {
            try {
                commit(group);
            } catch (Throwable e) { // the committer must outlive anything, or every writer would wait forever
                log.error("mysql store: group commit failed unexpectedly", e);
                fail(group, new StoreException("internal error in the mysql store: " + e, e));
            }
        }
    }

    /** Everything queued up to batch_max operations (at least one caller); null once closed and drained. */
    private List<Pending> take() {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closed) {
                    return null;
                }
                queued.awaitUninterruptibly();
            }
            List<Pending> group = new ArrayList<>();
            int ops = 0;
            while (!queue.isEmpty() && (group.isEmpty() || ops + queue.peek().ops.size() <= batchMax)) {
                Pending next = queue.poll();
                group.add(next);
                ops += next.ops.size();
            }
            return group;
        } finally {
            lock.unlock();
        }
    }

    private void commit(List<Pending> group) {
        List<List<Op>> batches = new ArrayList<>(group.size());
        for (Pending pending : group) {
            batches.add(pending.ops);
        }
        long start = System.nanoTime();
        try {
            database.call("write", connection -> {
                writer.apply(connection, GroupWriter.coalesce(batches));
                return null;
            });
        } catch (StoreException e) {
            if (group.size() == 1 || e instanceof DatabaseUnavailableException) {
                fail(group, e);
                return;
            }
            log.debug("mysql store: a group of {} writes failed ({}); committing them one by one", group.size(), e.getMessage());
            for (Pending pending : group) {
                commit(List.of(pending));
            }
            return;
        }
        commitTime.update(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        transactions.inc();
        writes.inc(group.size());
        groupSize.update(group.size());
        for (Pending pending : group) {
            pending.done.complete(null);
        }
    }

    private static void fail(List<Pending> group, StoreException e) {
        for (Pending pending : group) {
            pending.done.completeExceptionally(e);
        }
    }

    /** Refuses new writes, commits those already queued, then stops the committer. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queued.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending(List<Op> ops, CompletableFuture<Void> done) {
        Pending(List<Op> ops) {
            this(ops, new CompletableFuture<>());
        }
    }
}
