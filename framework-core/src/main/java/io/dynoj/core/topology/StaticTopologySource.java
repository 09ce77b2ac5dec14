package io.dynoj.core.topology;

import com.google.auto.service.AutoService;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Dynomite's {@code simple_provider}, the default: the cluster is the node plus its config's
 * {@code dyn_seeds}, published once as version 1 and never changed.
 */
public final class StaticTopologySource implements TopologySource {

    private final TopologySourceContext context;

    StaticTopologySource(TopologySourceContext context) {
        this.context = context;
    }

    @Override
    public CompletableFuture<Void> start(Consumer<Topology> publish) {
        try {
            publish.accept(StaticTopology.from(context.config(), context.self()));
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public String describe() {
        int seeds = context.config().dynSeeds().size();
        return "simple_provider (" + seeds + (seeds == 1 ? " seed" : " seeds") + " in the config)";
    }

    @Override
    public void close() {
    }

    /** Type {@code simple_provider}. */
    @AutoService(TopologySourceProvider.class)
    public static final class Provider implements TopologySourceProvider {

        @Override
        public String type() {
            return "simple_provider";
        }

        @Override
        public TopologySource create(TopologySourceContext context) {
            return new StaticTopologySource(context);
        }
    }
}
