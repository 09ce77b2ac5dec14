package io.dynoj.core.net;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;

/**
 * Coalesces flushes across connections: a connection asks for a flush while the event loop processes
 * I/O, and all connections that asked are flushed once, in a task that runs after every ready channel
 * of this loop iteration has been read. Many clients' requests then reach a backend in one write (and
 * a backend's replies leave in one write per client), which keeps a proxy's syscalls per request low.
 *
 * <p>One instance per event-loop thread; only that thread uses it.
 */
public final class FlushBatcher implements Runnable {

    /** A connection whose buffered writes the batcher flushes. */
    public interface Flushable {
        /** Flushes now; called on the connection's event loop. */
        void flushNow();
    }

    private static final FastThreadLocal<FlushBatcher> PER_THREAD = new FastThreadLocal<>() {
        @Override
        protected FlushBatcher initialValue() {
            return new FlushBatcher();
        }
    };

    private final ArrayList<Flushable> pending = new ArrayList<>();
    private boolean scheduled;

    private FlushBatcher() {
    }

    /**
     * Flushes {@code target} after the current I/O round. Call on {@code loop}'s thread, at most once
     * per flush: the target keeps a flag from this call until its {@link Flushable#flushNow()}.
     */
    public static void requestFlush(Flushable target, EventLoop loop) {
        FlushBatcher batcher = PER_THREAD.get();
        batcher.pending.add(target);
        if (!batcher.scheduled) {
            batcher.scheduled = true;
            loop.execute(batcher);
        }
    }

    @Override
    public void run() {
        // Index loop: a flush may complete work that asks for more flushes; they join this round.
        for (int i = 0; i < pending.size(); i++) {
            pending.get(i).flushNow();
        }
        pending.clear();
        scheduled = false;
    }
}
