package io.dynoj.core.topology;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.NodeConfig;

/**
 * What a {@link TopologySource} is made from.
 *
 * @param config the node's configuration (its section, e.g. {@code zookeeper:}, is {@code config.section(type)})
 * @param self the local node as its configuration places it, at the peer address it listens on; its
 *     tokens are the configured ones ({@link NodeConfig#tokensConfigured()} says whether any were)
 * @param metrics the node's registry, for the source's own metrics (prefix {@code topology.})
 */
public record TopologySourceContext(NodeConfig config, ClusterNode self, MetricRegistry metrics) {
}
