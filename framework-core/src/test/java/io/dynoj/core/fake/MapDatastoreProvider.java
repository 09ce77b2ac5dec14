package io.dynoj.core.fake;

import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.DatastoreContext;
import io.dynoj.core.spi.DatastoreProvider;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Datastore type {@code linemap}: the {@link LineProtocolAdapter line protocol}'s commands over a map in
 * the node, answered on the calling event loop. Registered only where a test asks, see {@link LineProtocol}.
 */
public final class MapDatastoreProvider implements DatastoreProvider {

    public static final String TYPE = "linemap";

    private static final Object HOLD_LOCK = new Object();
    /** Requests that arrived while held, with their sinks; null while not held. Guarded by HOLD_LOCK. */
    private static Queue<Runnable> held;

    /**
     * Holds every request of every {@code linemap} datastore unanswered until the returned hold closes,
     * which serves them (each on its sink's event loop): a datastore that stalls. One hold at a time.
     */
    public static AutoCloseable hold() {
        Queue<Runnable> queue = new ArrayDeque<>();
        synchronized (HOLD_LOCK) {
            held = queue;
        }
        return () -> {
            synchronized (HOLD_LOCK) {
                held = null;
            }
            queue.forEach(Runnable::run);
        };
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> protocols() {
        return Set.of(LineProtocolAdapter.NAME);
    }

    @Override
    public Datastore create(DatastoreContext context) {
        return new MapDatastore();
    }

    /** Thread-safe: requests arrive from every event loop of the node at once. */
    private static final class MapDatastore implements Datastore {

        private final Map<String, String> values = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<Void> start() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void execute(Request request, ReplySink sink) {
            synchronized (HOLD_LOCK) {
                if (held != null) {
                    held.add(() -> sink.eventLoop().execute(() -> execute(request, sink)));
                    return;
                }
            }
            LineRequest line = (LineRequest) request;
            String reply;
            try {
                reply = answer(line);
            } finally {
                line.release();
            }
            sink.reply(LineProtocolAdapter.text(ByteBufAllocator.DEFAULT, reply));
        }

        private String answer(LineRequest line) {
            switch (line.command()) {
                case "get", "peek" -> {
                    String value = values.get(line.token(1));
                    return value == null ? "NIL\n" : "VALUE " + value + "\n";
                }
                case "set", "poke" -> {
                    values.put(line.token(1), line.token(2));
                    return "OK\n";
                }
                case "mget" -> {
                    List<String> found = new ArrayList<>();
                    for (int t = 1; t < line.tokens(); t++) {
                        found.add(values.getOrDefault(line.token(t), "NIL"));
                    }
                    return "VALUES " + String.join(" ", found) + "\n";
                }
                default -> {
                    return "ERR the linemap datastore does not run '" + line.command() + "'\n";
                }
            }
        }

        @Override
        public void close() {
        }
    }
}
