package io.dynoj.core.repair;

import io.dynoj.core.peer.PeerStreamResponder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Serves peers' STREAM frames from this node's {@link RangeOps} on one thread of its own
 * ({@code dynoj-stream}), so a scan of the store never runs on an event loop and concurrent repairs of
 * several peers take turns rather than every core. Thread-safe; {@link #close()} stops the thread, and
 * the requests still queued then are released and answered with an error (the node is stopping).
 */
public final class RangeStreamService implements PeerStreamResponder, AutoCloseable {

    private static final String STOPPING = "the node is stopping";

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
        Answer answer = new Answer(request);
        try {
            thread.execute(answer);
        } catch (RejectedExecutionException e) {
            answer.abandon();
        }
        return answer.result;
    }

    @Override
    public void close() {
        for (Runnable queued : thread.shutdownNow()) {
            ((Answer) queued).abandon();
        }
    }

    /** One request waiting for the thread; it owns the request's bytes until it has run or is abandoned. */
    private final class Answer implements Runnable {
        private final ByteBuf request;
        final CompletableFuture<ByteBuf> result = new CompletableFuture<>();

        Answer(ByteBuf request) {
            this.request = request;
        }

        @Override
        public void run() {
            try {
                result.complete(StreamCodec.answer(ops, request, ByteBufAllocator.DEFAULT));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            } finally {
                request.release();
            }
        }

        void abandon() {
            request.release();
            result.completeExceptionally(new IllegalStateException(STOPPING));
        }
    }
}
