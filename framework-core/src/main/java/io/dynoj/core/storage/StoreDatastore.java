package io.dynoj.core.storage;

import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.DatastoreContext;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A datastore that serves the node's protocol itself, from an {@link OrderedStore} through that
 * protocol's {@link CommandEngine}.
 *
 * <p>A fast store (LevelDB) runs each command on the client's event loop: no thread hand-off, which
 * is why an embedded node can beat a node in front of a server. A {@linkplain OrderedStore#blocking()
 * blocking} store runs commands on worker lanes; one client's commands always take the same lane, so
 * they run in the order it sent them.
 *
 * <p>On the event loop, plain writes are committed in groups ({@link GroupCommit}): one store batch per
 * loop iteration, their replies sent once it is written. {@code -Ddynoj.group_commit=false} turns that
 * off (each write then goes to the store on its own), to measure what it gives.
 */
public final class StoreDatastore implements Datastore {

    private static final Logger log = LoggerFactory.getLogger(StoreDatastore.class);
    /** System property: {@code false} turns group commit off for datastores started from then on. */
    static final String GROUP_COMMIT_PROPERTY = "dynoj.group_commit";

    private final String type;
    private final Supplier<OrderedStore> opener;
    private final CommandEngineFactory engines;
    private final DatastoreContext context;
    private final StoreMetrics metrics;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile OrderedStore store;
    private volatile CommandEngine engine;
    private ExecutorService[] lanes;
    private ExpirySweeper sweeper;
    /** Each event loop's group of staged writes; null when writes are not grouped (a blocking store). */
    private volatile FastThreadLocal<GroupCommit> groups;

    public StoreDatastore(String type, Supplier<OrderedStore> opener, CommandEngineFactory engines,
                          DatastoreContext context) {
        this.type = type;
        this.opener = opener;
        this.engines = engines;
        this.context = context;
        this.metrics = new StoreMetrics(context.metrics(), type);
    }

    @Override
    public CompletableFuture<Void> start() {
        try {
            store = opener.get();
            engine = engines.create(store, new EngineSettings(type, context.limits(),
                    context.settings().tombstoneGraceMillis()), context.metrics());
            if (store.blocking()) {
                lanes = new ExecutorService[Math.max(store.concurrency(), context.settings().connections())];
                for (int i = 0; i < lanes.length; i++) {
                    lanes[i] = Executors.newSingleThreadExecutor(daemon(type + "-worker-" + i));
                }
            } else if (!"false".equals(System.getProperty(GROUP_COMMIT_PROPERTY))) {
                CommandEngine e = engine;
                groups = new FastThreadLocal<>() {
                    @Override
                    protected GroupCommit initialValue() {
                        return new GroupCommit(e, metrics, type);
                    }
                };
            }
            sweeper = new ExpirySweeper(type, engine);
            sweeper.start();
            log.info("datastore '{}': {}, {} commands{}", type, store.describe(), engines.protocol(),
                    lanes == null ? " on the I/O threads" : " on " + lanes.length + " worker threads");
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            // A store that cannot open (bad options, unreadable files) will not fix itself: the node
            // must not start, unlike a datastore server that may come up later.
            close();
            throw e;
        }
    }

    @Override
    public void execute(Request request, ReplySink sink) {
        if (closed.get()) {
            request.release();
            sink.error("datastore is closed");
            return;
        }
        if (lanes == null) {
            run(request, sink);
        } else {
            lanes[Math.floorMod(sink.connectionId(), lanes.length)].execute(() -> run(request, sink));
        }
    }

    private void run(Request request, ReplySink sink) {
        metrics.requests.inc();
        if (groups != null && stagedOrCommitted(request, sink)) {
            return;
        }
        ByteBuf reply;
        try {
            reply = engine.execute(request, ByteBufAllocator.DEFAULT);
        } catch (StoreException e) {
            metrics.errors.inc();
            sink.error(e.getMessage());
            return;
        } catch (RuntimeException e) {
            metrics.errors.inc();
            log.warn("datastore '{}' failed on '{}'", type, request.command(), e);
            sink.error("internal error in datastore '" + type + "': " + e);
            return;
        } finally {
            request.release();
        }
        sink.reply(reply);
    }

    /**
     * On the sink's event loop: stages a plain write (true: its reply comes with the group's commit).
     * Otherwise commits what this thread staged, so that {@code request} runs after it, whatever loop its
     * sink belongs to (false: the caller runs it).
     */
    private boolean stagedOrCommitted(Request request, ReplySink sink) {
        EventLoop loop = sink.eventLoop();
        if (loop == null || !loop.inEventLoop()) {
            GroupCommit staged = groups.getIfExists();
            if (staged != null) {
                staged.commit();
            }
            return false;
        }
        GroupCommit group = groups.get();
        boolean staged;
        try {
            staged = group.stage(request, sink, loop);
        } catch (RuntimeException e) {
            // A request the engine could not even look at: answered like a failed command.
            group.commit();
            request.release();
            metrics.errors.inc();
            log.warn("datastore '{}' failed on '{}'", type, request.command(), e);
            sink.error("internal error in datastore '" + type + "': " + e);
            return true;
        }
        if (staged) {
            request.release();
            return true;
        }
        group.commit();
        return false;
    }

    @Override
    public boolean acceptsWrites() {
        return !closed.get();
    }

    @Override
    public boolean keepsWriteTimes() {
        CommandEngine e = engine;
        return e != null && e.keepsWriteTimes();
    }

    @Override
    public io.dynoj.core.spi.RangeStore rangeStore() {
        CommandEngine e = engine;
        return e == null ? null : e.rangeStore();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (sweeper != null) {
            sweeper.close();
        }
        if (lanes != null) {
            for (ExecutorService lane : lanes) {
                lane.shutdown();
            }
            for (ExecutorService lane : lanes) {
                awaitQuietly(lane);
            }
        }
        if (engine != null) {
            engine.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private static void awaitQuietly(ExecutorService lane) {
        try {
            if (!lane.awaitTermination(5, TimeUnit.SECONDS)) {
                lane.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
