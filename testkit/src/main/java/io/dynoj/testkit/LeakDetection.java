package io.dynoj.testkit;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;

/** Makes Netty report leaked resources now rather than at some later allocation. */
public final class LeakDetection {

    private static final int ROUNDS = 3;
    private static final int BUFFERS_PER_ALLOCATOR = 4;
    private static final long GC_DEADLINE_MILLIS = 2_000;
    private static final long GC_POLL_MILLIS = 50;

    private static final ByteBufAllocator[] ALLOCATORS = {
        PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT, ByteBufAllocator.DEFAULT,
    };

    private LeakDetection() {
    }

    /**
     * Runs the GC and then makes every detector check for collected, unreleased resources, a few rounds over
     * (a resource can survive one collection, e.g. while it sits in a finalizer-like queue).
     *
     * <p>Netty only notices a leak when the same detector tracks a new resource, so each round tracks one
     * throwaway object per {@link LeakRecorder} detector and allocates and releases buffers through the common
     * allocators. Leaks found are in {@link LeakRecorder#reports()} afterwards.
     */
    public static void forceDetection() {
        for (int round = 0; round < ROUNDS; round++) {
            collectGarbage();
            LeakRecorder.detectors().forEach(RecordingLeakDetector::reportCollectedLeaks);
            exerciseAllocators();
        }
    }

    /**
     * Runs the GC until a fresh weak reference has been enqueued: only then has the reference handler also
     * enqueued the references of leaked resources that the detectors poll.
     */
    private static void collectGarbage() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GC_DEADLINE_MILLIS);
        try {
            do {
                System.gc();
                if (queue.remove(GC_POLL_MILLIS) != null) {
                    return;
                }
            } while (System.nanoTime() - deadline < 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Reference.reachabilityFence(sentinel);
        }
        // Gave up waiting (e.g. -XX:+DisableExplicitGC): detection still runs, but may miss recent garbage.
    }

    private static void exerciseAllocators() {
        for (ByteBufAllocator allocator : ALLOCATORS) {
            for (int i = 0; i < BUFFERS_PER_ALLOCATOR; i++) {
                release(allocator.heapBuffer(64));
                release(allocator.directBuffer(64));
            }
        }
    }

    private static void release(ByteBuf buffer) {
        buffer.release();
    }
}
