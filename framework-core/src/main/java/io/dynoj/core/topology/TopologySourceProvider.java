package io.dynoj.core.topology;

import io.dynoj.core.config.NodeConfig;

/**
 * Makes {@link TopologySource}s of one type. Found with {@link java.util.ServiceLoader} (register with
 * {@code @AutoService(TopologySourceProvider.class)}) and chosen by Dynomite's {@code dyn_seed_provider}
 * key: {@code simple_provider} (the config's {@code dyn_seeds}), {@code florida_provider},
 * {@code dns_provider}, {@code zookeeper}. Thread-safe.
 */
public interface TopologySourceProvider {

    /** The {@code dyn_seed_provider} value that picks this source, e.g. {@code "zookeeper"}. */
    String type();

    /**
     * Checks what the source reads from {@code config} (its section, the environment) without opening
     * anything, for {@code dynoj check-config} and before {@link #create}; throws
     * {@link IllegalArgumentException} naming what is wrong.
     */
    default void validate(NodeConfig config) {
    }

    /** A new, not yet started source for the node {@code context} describes. */
    TopologySource create(TopologySourceContext context);
}
