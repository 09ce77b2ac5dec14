package io.dynoj.core.storage;

import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for one event-loop thread: the plain writes it runs in one loop iteration
 * ({@link CommandEngine#stage}) go to the store as one batch, in a task that runs after the iteration's
 * reads, and their replies are sent only then. Free for the client: the replies would have left in the
 * same flush anyway ({@link io.dynoj.core.net.FlushBatcher} runs in the same task round). A native
 * LevelDB write costs its writer queue, its log record and its JNI buffers once per batch instead of
 * once per write.
 *
 * <p>What stays as without it: a write is acknowledged only once it is in the store (the store's sync
 * setting applies to the batch as to a single write); a failing batch answers every write in it with
 * the store's error and no other; the thread commits what it staged before it runs any other command,
 * so commands see every earlier write and one client's replies keep its order (a connection's requests
 * run on one thread). Other threads see a staged write only once it is committed, which is when it is
 * acknowledged.
 *
 * <p>Not thread-safe: one per thread and datastore, used on that event loop only.
 */
final class GroupCommit implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** A group is written at once when it reaches this many writes... */
    static final int MAX_WRITES = 1024;
    /** ...or this many bytes of requests, so a batch stays small next to the store's write buffer. */
    static final long MAX_BYTES = 1024 * 1024;

    private final CommandEngine engine;
    private final StoreMetrics metrics;
    private final String type;
    private final StoreBatch batch = new StoreBatch();
    /** Sink, reply, sink, reply... of the staged writes, in the order they were staged. */
    private final ArrayList<Object> answers = new ArrayList<>();
    private long bytes;
    private boolean scheduled;

    GroupCommit(CommandEngine engine, StoreMetrics metrics, String type) {
        this.engine = engine;
        this.metrics = metrics;
        this.type = type;
    }

    /**
     * Stages {@code request} when the engine can ({@link CommandEngine#stage}): its reply goes to
     * {@code sink} once the group is written, after the current iteration of {@code loop} (the calling
     * thread's). Returns false, having done nothing, when the request is not a plain write.
     */
    boolean stage(Request request, ReplySink sink, EventLoop loop) {
        ByteBuf reply = engine.stage(request, batch, ByteBufAllocator.DEFAULT);
        if (reply == null) {
            return false;
        }
        answers.add(sink);
        answers.add(reply);
        bytes += request.frame().readableBytes();
        if (batch.size() >= MAX_WRITES || bytes >= MAX_BYTES) {
            commit();
        } else if (!scheduled) {
            scheduled = true;
            loop.execute(this);
        }
        return true;
    }

    /** The task scheduled by the first write staged in a loop iteration. */
    @Override
    public void run() {
        scheduled = false;
        commit();
    }

    /** Writes what is staged, then answers its writes in order: all with OK replies, or all with the error. */
    void commit() {
        if (answers.isEmpty()) {
            return;
        }
        RuntimeException failure = null;
        try {
            engine.commitStaged(batch);
        } catch (RuntimeException e) {
            failure = e;
        }
        // Emptied before anyone is answered: an answer may run a command on this thread, which commits again.
        Object[] staged = answers.toArray();
        answers.clear();
        batch.clear();
        bytes = 0;
        if (failure != null) {
            fail(staged, failure);
            return;
        }
        for (int i = 0; i < staged.length; i += 2) {
            ((ReplySink) staged[i]).reply((ByteBuf) staged[i + 1]);
        }
    }

    private void fail(Object[] staged, RuntimeException failure) {
        int writes = staged.length / 2;
        metrics.errors.inc(writes);
        String message;
        if (failure instanceof StoreException) {
            message = failure.getMessage();
        } else {
            log.warn("datastore '{}' failed on a group of {} writes", type, writes, failure);
            message = "internal error in datastore '" + type + "': " + failure;
        }
        for (int i = 0; i < staged.length; i += 2) {
            ((ByteBuf) staged[i + 1]).release();
            ((ReplySink) staged[i]).error(message);
        }
    }
}
