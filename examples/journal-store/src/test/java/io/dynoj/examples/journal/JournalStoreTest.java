package io.dynoj.examples.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.storage.OrderedStore;
import io.dynoj.core.storage.OrderedStoreContract;
import io.dynoj.core.storage.StoreBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal store meets the store contract, and its journal survives reopening and torn writes. */
class JournalStoreTest extends OrderedStoreContract {

    @TempDir
    Path dir;

    @Override
    protected OrderedStore newStore() {
        return JournalStore.open(dir.resolve("contract-" + System.nanoTime()).resolve("journal.log"), false);
    }

    @Test
    void reopeningReplaysTheJournal() {
        Path file = dir.resolve("replay/journal.log");
        try (JournalStore s = JournalStore.open(file, false)) {
            s.put(b("a"), b("1"));
            s.put(b("b"), b("2"));
            s.write(new StoreBatch().delete(b("a")).put(b("c"), b("3")));
        }
        try (JournalStore s = JournalStore.open(file, true)) {
            assertThat(s.get(b("a"))).isNull();
            assertThat(s.get(b("b"))).isEqualTo(b("2"));
            assertThat(s.get(b("c"))).isEqualTo(b("3"));
        }
    }

    @Test
    void aBatchCutShortByACrashIsDroppedWhole() throws Exception {
        Path file = dir.resolve("torn/journal.log");
        try (JournalStore s = JournalStore.open(file, false)) {
            s.put(b("kept"), b("1"));
            s.write(new StoreBatch().put(b("x"), b("2")).put(b("y"), b("3")));
        }
        long size = Files.size(file);
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size - 3);
        }
        try (JournalStore s = JournalStore.open(file, false)) {
            assertThat(s.get(b("kept"))).isEqualTo(b("1"));
            assertThat(s.get(b("x"))).isNull();
            assertThat(s.get(b("y"))).isNull();
            s.put(b("after"), b("4"));
        }
        try (JournalStore s = JournalStore.open(file, false)) {
            assertThat(s.get(b("after"))).isEqualTo(b("4"));
        }
    }
}
