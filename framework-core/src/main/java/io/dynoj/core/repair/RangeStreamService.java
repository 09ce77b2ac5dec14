package io.dynoj.core.repair;

import io.dynoj.core.peer.PeerStreamResponder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves peers' STREAM frames from this node's {@link RangeOps} on one thread of its own
 * ({@code dynoj-stream}), so a scan of the store never runs on an event loop and concurrent repairs of
 * several peers take turns rather than every core. Thread-safe; {@link #close()} stops the thread.
 */
public final class RangeStreamService implements PeerStreamResponder, AutoCloseable {

    private final RangeOps ops;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dynoj-stream");
        t.setDaemon(true);
        return t;
    });

    public RangeStreamService(RangeOps ops) {
        this.ops = ops;
    }

    @Override
    public CompletableFuture<ByteBuf> answer(ByteBuf request) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return StreamCodec.answer(ops, request, ByteBufAllocator.DEFAULT);
                } finally {
                    request.release();
                }
            }, thread);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            request.release();
            return CompletableFuture.failedFuture(new IllegalStateException("the node is stopping"));
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
