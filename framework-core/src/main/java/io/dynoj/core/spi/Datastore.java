package io.dynoj.core.spi;

import java.util.concurrent.CompletableFuture;

/**
 * A backend that executes requests: a Redis or memcached server behind the node, an embedded store...
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #execute} any number of times, then
 * {@link #close()}. Threading: {@code execute} is called on the event loop of the client
 * connection ({@link ReplySink#eventLoop()}), from every event loop of the node at once; it must not
 * block. The sink may be completed on any thread.
 */
public interface Datastore extends AutoCloseable {

    /**
     * Opens connections or files. Completes when the datastore can serve, or exceptionally when it
     * cannot yet (a server that is down: the node starts anyway and the datastore keeps trying).
     * Throws when it can never serve as configured (bad options, unreadable files): the node then
     * does not start.
     */
    CompletableFuture<Void> start();

    /**
     * Runs {@code request} and answers {@code sink} exactly once, even when the backend fails or
     * times out. Takes ownership of the request: it releases it when done with its bytes.
     */
    void execute(Request request, ReplySink sink);

    /**
     * Whether a write sent now would reach the datastore: a server it is connected to, a store that is
     * open, a node state that lets writes through. A key's primary whose datastore cannot take writes
     * hands them to another replica instead of failing them. A hint, read once per write; callable from
     * any thread.
     */
    default boolean acceptsWrites() {
        return true;
    }

    /**
     * The datastore's range-streaming capability, or {@code null} when it has none (repair and warm-up
     * then refuse to run, saying so). Callable from any thread once started.
     */
    default RangeStore rangeStore() {
        return null;
    }

    /** Stops serving; requests still pending are answered with an error. Idempotent. */
    @Override
    void close();

    /**
     * Whether the datastore stores each write's timestamp ({@link Request#writeTime()}) with the value and keeps
     * tombstones, so that the newest write wins (the embedded engines); false for servers (redis-server,
     * memcached), where the majority of replicas wins. The router then chooses a timestamp for every write.
     */
    default boolean keepsWriteTimes() {
        return false;
    }
}
