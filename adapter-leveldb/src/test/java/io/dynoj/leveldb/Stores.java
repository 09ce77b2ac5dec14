package io.dynoj.leveldb;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dynoj.core.config.ConfigSection;
import io.dynoj.core.storage.StoreContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Opens LevelDB stores the way a node does: through the provider, with a {@code leveldb:} section. */
final class Stores {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Stores() {
    }

    /** The {@code leveldb:} section from YAML flow text, e.g. {@code "{engine: java, sync: always}"}. */
    static ConfigSection section(String yaml) {
        try {
            return ConfigSection.of(LevelDbStoreProvider.TYPE, YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A store in {@code dataDir/leveldb}, as the node would open it with that {@code leveldb:} section. */
    static LevelDbStore open(Path dataDir, String yaml) {
        StoreContext context = new StoreContext(section(yaml), dataDir, new MetricRegistry());
        return (LevelDbStore) new LevelDbStoreProvider().open(context);
    }
}
