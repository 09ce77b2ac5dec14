package io.dynoj.core.state;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The one place the {@link ServingState} is enforced: it stands in front of the node's datastore, so
 * every request the datastore would serve passes it, whoever sent it (a client of this node, a peer
 * replicating a write, a broadcast), and nothing else does (local answers, forwarding to peers), as
 * in Dynomite, which checks the state where it hands a request to its datastore. A refused request
 * is released and its sink gets the state's error, which the client reads as the protocol's error
 * reply ({@code -ERR ...}, {@code SERVER_ERROR ...}) and a peer relays to the node that asked.
 *
 * <p>Thread-safe: the state is read once per request, from any event loop; a change applies to the
 * requests that arrive after it.
 */
public final class StateGate implements Datastore {

    /** Requests refused because of the node's state. */
    public static final String REFUSED_METRIC = "state.refused";

    private final Datastore datastore;
    private final Supplier<ServingState> state;
    private final Counter refused;

    public StateGate(Datastore datastore, Supplier<ServingState> state, MetricRegistry metrics) {
        this.datastore = datastore;
        this.state = state;
        this.refused = metrics.counter(REFUSED_METRIC);
    }

    @Override
    public CompletableFuture<Void> start() {
        return datastore.start();
    }

    @Override
    public void execute(Request request, ReplySink sink) {
        ServingState now = state.get();
        if (now != ServingState.NORMAL && !now.allows(request.kind())) {
            String refusal = now.refusal(request.kind());
            request.release();
            refused.inc();
            sink.error(refusal);
            return;
        }
        datastore.execute(request, sink);
    }

    @Override
    public boolean acceptsWrites() {
        return state.get().allows(RequestKind.WRITE) && datastore.acceptsWrites();
    }

    /** Streaming is not gated: repair and warm-up run in every state (a WRITES_ONLY node warms up by it). */
    @Override
    public io.dynoj.core.spi.RangeStore rangeStore() {
        return datastore.rangeStore();
    }

    @Override
    public boolean keepsWriteTimes() {
        return datastore.keepsWriteTimes();
    }

    @Override
    public void close() {
        datastore.close();
    }
}
