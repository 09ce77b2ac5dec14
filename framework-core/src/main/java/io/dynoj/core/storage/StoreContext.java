package io.dynoj.core.storage;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.ConfigSection;
import java.nio.file.Path;

/**
 * What a store gets to open itself.
 *
 * @param options the store's own section of the configuration (the map under a key named after
 *     the store type, e.g. {@code leveldb:} or {@code mysql:}); empty when absent
 * @param dataDir the node's data directory ({@code data_dir}); a file-based store keeps its files
 *     in a sub-directory named after its type
 * @param metrics where the store registers its metrics
 */
public record StoreContext(ConfigSection options, Path dataDir, MetricRegistry metrics) {
}
