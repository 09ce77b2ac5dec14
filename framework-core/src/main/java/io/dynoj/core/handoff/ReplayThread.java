package io.dynoj.core.handoff;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The thread hinted handoff replays on, {@code dynoj-hints}, woken only when there is work: a look at the
 * targets when something signals it ({@link #wake}) or when the last look asked for another
 * ({@link #lookAgainIn}), and a disk sync a while after hints were stored ({@link #syncSoon}). Nothing runs on
 * an idle node (issue 18: it used to look every 100 ms whether or not any target held hints).
 *
 * <p>No wake-up is lost: the look clears its flag when it starts ({@link #lookStarting}), so a signal given
 * while it runs queues the next one. After {@link #close} every call is a no-op.
 *
 * <p>Thread-safe: {@link #wake}, {@link #syncSoon} and {@link #execute} from any thread; {@link #lookAgainIn}
 * on the thread itself.
 */
final class ReplayThread implements AutoCloseable {

    private final Runnable look;
    private final Runnable sync;
    private final long syncDelayMillis;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dynoj-hints");
        t.setDaemon(true);
        return t;
    });
    /** A look is queued and has not started: more wake-ups need not queue another. */
    private final AtomicBoolean lookQueued = new AtomicBoolean();
    private final AtomicBoolean syncQueued = new AtomicBoolean();
    /** The next timed look; on the thread only. */
    private ScheduledFuture<?> nextLook;

    /**
     * @param look looks at every target; calls {@link #lookStarting} first
     * @param sync forces stored hints to the disk; calls {@link #syncStarting} first
     */
    ReplayThread(Runnable look, Runnable sync, long syncDelayMillis) {
        this.look = look;
        this.sync = sync;
        this.syncDelayMillis = syncDelayMillis;
    }

    /** Queues a look now, unless one is queued and has not started. Any thread; does not block. */
    void wake() {
        if (lookQueued.compareAndSet(false, true) && !submit(look)) {
            lookQueued.set(false);
        }
    }

    /** The look begins: what is signalled from now on queues another. */
    void lookStarting() {
        lookQueued.set(false);
    }

    /** The next look in {@code delayMillis} (-1: none until woken), unless one is due sooner. On the thread. */
    void lookAgainIn(long delayMillis) {
        if (nextLook != null && !nextLook.isDone()) {
            if (delayMillis >= 0 && nextLook.getDelay(TimeUnit.MILLISECONDS) <= delayMillis) {
                return;
            }
            nextLook.cancel(false);
        }
        nextLook = null;
        if (delayMillis >= 0) {
            try {
                nextLook = thread.schedule(this::wake, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                // stopping
            }
        }
    }

    /** Hints were stored: a sync runs within the sync delay, unless one is scheduled. Any thread. */
    void syncSoon() {
        if (syncQueued.compareAndSet(false, true)) {
            try {
                thread.schedule(sync, syncDelayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                syncQueued.set(false);
            }
        }
    }

    /** The sync begins: hints stored from now on schedule another. */
    void syncStarting() {
        syncQueued.set(false);
    }

    /** Runs {@code task} on the thread (a batch answered); false when closed. Any thread. */
    boolean execute(Runnable task) {
        return submit(task);
    }

    private boolean submit(Runnable task) {
        try {
            thread.execute(task);
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
