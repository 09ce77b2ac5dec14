package io.dynoj.leveldb;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.storage.StoreBatch;
import io.dynoj.core.storage.StoreIterator;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writes survive a clean close and reopen of the store, through the provider as a node opens it. */
class LevelDbRestartIT {

    private static final int KEYS = 10_000;

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "engine {0}")
    @ValueSource(strings = {"native", "java"})
    void tenThousandKeysSurviveARestart(String engine) {
        String options = "{engine: " + engine + ", write_buffer_mb: 1}";
        try (LevelDbStore store = Stores.open(dataDir, options)) {
            for (int i = 0; i < KEYS; i++) {
                store.put(StoreWriter.key(i), StoreWriter.value(i));
            }
            StoreBatch deletes = new StoreBatch();
            for (int i = 0; i < KEYS; i += 10) {
                deletes.delete(StoreWriter.key(i));
            }
            store.write(deletes);
        }
        try (LevelDbStore store = Stores.open(dataDir, options)) {
            for (int i = 0; i < KEYS; i++) {
                assertThat(store.get(StoreWriter.key(i))).as("key %d", i)
                        .isEqualTo(i % 10 == 0 ? null : StoreWriter.value(i));
            }
            int count = 0;
            try (StoreIterator it = store.scan(null, null, null)) {
                while (it.next()) {
                    count++;
                }
            }
            assertThat(count).isEqualTo(KEYS - KEYS / 10);
        }
    }
}
