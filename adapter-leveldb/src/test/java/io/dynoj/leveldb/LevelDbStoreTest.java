package io.dynoj.leveldb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.storage.OrderedStore;
import io.dynoj.core.storage.OrderedStoreContract;
import io.dynoj.core.storage.StoreBatch;
import io.dynoj.core.storage.StoreException;
import io.dynoj.core.storage.StoreIterator;
import io.dynoj.core.storage.StoreSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LevelDB store meets the store contract with each library, and does what only it does. */
class LevelDbStoreTest {

    @TempDir
    Path shared;

    abstract static class WithEngine extends OrderedStoreContract {

        @TempDir
        Path dataDir;

        abstract String engine();

        LevelDbStore open(String moreOptions) {
            return Stores.open(dataDir, "{engine: " + engine() + (moreOptions.isEmpty() ? "" : ", " + moreOptions) + "}");
        }

        @Override
        protected OrderedStore newStore() {
            return open("");
        }

        @Test
        void filesAreInTheLeveldbDirectoryOfTheDataDir() {
            store.put(b("k"), b("v"));
            assertThat(dataDir.resolve("leveldb").resolve("CURRENT")).isRegularFile();
            assertThat(store.describe()).contains(dataDir.resolve("leveldb").toString()).contains("sync none");
        }

        @Test
        void dataSurvivesCloseAndReopen() {
            store.put(b("kept"), b("1"));
            store.write(new StoreBatch().put(b("batched"), b("2")).delete(b("kept")).put(b("kept"), b("3")));
            store.close();
            store = open("");
            assertThat(store.get(b("kept"))).isEqualTo(b("3"));
            assertThat(store.get(b("batched"))).isEqualTo(b("2"));
        }

        @Test
        void aSecondOpenOfTheSameDirectoryFailsWithAMessage() {
            assertThatThrownBy(() -> open("")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("cannot open LevelDB at " + dataDir.resolve("leveldb"))
                    .hasMessageEndingWith("(is another node using the same data_dir?)");
        }

        @Test
        void callsAfterCloseThrowInsteadOfCrashing() {
            store.put(b("a"), b("1"));
            store.put(b("b"), b("2"));
            StoreIterator it = store.scan(null, null, null);
            assertThat(it.next()).isTrue();
            StoreSnapshot snapshot = store.snapshot();
            store.close();
            assertThatThrownBy(it::next).isInstanceOf(StoreException.class).hasMessageContaining("closed");
            assertThatThrownBy(() -> store.get(b("a"))).isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> store.put(b("a"), b("x"))).isInstanceOf(StoreException.class);
            it.close(); // already freed by the store: harmless
            snapshot.close();
            store = null;
        }

        @Test
        void aSnapshotOfAnotherStoreIsRefused() throws Exception {
            try (OrderedStore other = Stores.open(Files.createTempDirectory(dataDir, "other"), "{engine: " + engine() + "}");
                 StoreSnapshot foreign = other.snapshot()) {
                assertThatThrownBy(() -> store.scan(foreign, null, null)).isInstanceOf(IllegalArgumentException.class);
            }
        }

        @Test
        void syncAlwaysAndIntervalStoreTheSame() {
            store.close();
            store = open("sync: always");
            store.put(b("a"), b("1"));
            store.write(new StoreBatch().put(b("b"), b("2")));
            assertThat(store.describe()).contains("sync always");
            store.close();
            store = open("sync: interval, sync_interval_ms: 10");
            store.put(b("c"), b("3"));
            assertThat(store.describe()).contains("sync interval 10 ms");
            assertThat(keys(store.scan(null, null, null))).containsExactly("a", "b", "c");
        }
    }

    @Nested
    class Native extends WithEngine {
        @Override
        String engine() {
            return "native";
        }

        @Test
        void usesTheNativeLibrary() {
            assertThat(((LevelDbStore) store).library().isNative()).isTrue();
            assertThat(store.describe()).contains("native leveldbjni 1.8");
        }
    }

    @Nested
    class Java extends WithEngine {
        @Override
        String engine() {
            return "java";
        }

        @Test
        void usesThePureJavaLibrary() {
            assertThat(((LevelDbStore) store).library().isNative()).isFalse();
            assertThat(store.describe()).contains("pure-Java LevelDB 1.2");
        }
    }

    @Test
    void eachLibraryReadsWhatTheOtherWrote() {
        // Enough compressible data to fill several table files, so compressed blocks are read back too.
        byte[] value = "compressible value ".repeat(50).getBytes(UTF_8);
        try (LevelDbStore nativeStore = Stores.open(shared, "{engine: native, write_buffer_mb: 1}")) {
            for (int i = 0; i < 20_000; i++) {
                nativeStore.put(("n" + i).getBytes(UTF_8), value);
            }
        }
        try (LevelDbStore javaStore = Stores.open(shared, "{engine: java, write_buffer_mb: 1}")) {
            for (int i = 0; i < 20_000; i++) {
                assertThat(javaStore.get(("n" + i).getBytes(UTF_8))).isEqualTo(value);
                javaStore.put(("j" + i).getBytes(UTF_8), value);
            }
        }
        try (LevelDbStore nativeStore = Stores.open(shared, "{engine: native}")) {
            for (int i = 0; i < 20_000; i++) {
                assertThat(nativeStore.get(("j" + i).getBytes(UTF_8))).isEqualTo(value);
                assertThat(nativeStore.get(("n" + i).getBytes(UTF_8))).isEqualTo(value);
            }
        }
    }
}
