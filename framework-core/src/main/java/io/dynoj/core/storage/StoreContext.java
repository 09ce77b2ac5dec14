package io.dynoj.core.storage;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import io.dynoj.core.config.NodeConfig;
import java.nio.file.Path;

/**
 * What a store gets to open itself.
 *
 * @param config the node's configuration
 * @param options the store's own section of the configuration (the map under a key named after
 *     the store type, e.g. {@code leveldb:} or {@code mysql:}); an empty object when absent
 * @param dataDir the node's data directory ({@code data_dir}); a file-based store keeps its files
 *     in a sub-directory named after its type
 * @param metrics where the store registers its metrics
 */
public record StoreContext(NodeConfig config, JsonNode options, Path dataDir, MetricRegistry metrics) {
}
