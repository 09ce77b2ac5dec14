package io.dynoj.leveldb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kill -9} loses no acknowledged write: a separate JVM writes and prints each acknowledged
 * index, is killed (SIGKILL) mid-stream, and the store reopened here must hold every write it
 * acknowledged. This is what each sync policy promises against a killed process; a power loss is
 * not simulated (only {@code sync: always} survives that, see LevelDbStore).
 */
class LevelDbKillIT {

    @TempDir
    Path work;

    @ParameterizedTest(name = "engine {0}, sync {1}")
    @CsvSource({
        "native, none,     30000",
        "native, interval, 30000",
        "native, always,   300",
        "java,   none,     30000",
        "java,   interval, 30000",
        "java,   always,   300",
    })
    void everyAcknowledgedWriteSurvivesKill9(String engine, String sync, int killAfter) throws Exception {
        Path dataDir = Files.createDirectories(work.resolve("data"));
        String options = "{engine: " + engine + ", sync: " + sync + ", sync_interval_ms: 50, write_buffer_mb: 1}";
        long acked = -1;
        try (ChildJvm child = new ChildJvm(dataDir, options, Files.createDirectories(work.resolve("tmp")))) {
            assertThat(child.next("open ")).as(child::stderrText).contains(engine.equals("native") ? "native" : "pure-Java");
            for (String ack = child.next("ack "); ack != null; ack = child.next("ack ")) {
                acked = Long.parseLong(ack);
                if (acked >= killAfter) {
                    // SIGKILL: no shutdown hook, no close. Through the handle: Process.destroyForcibly()
                    // would also close our end of the pipe, and the acks still in it count too.
                    child.process.toHandle().destroyForcibly();
                    break;
                }
            }
            // Acks the child printed before it died.
            for (String ack = child.next("ack "); ack != null; ack = child.next("ack ")) {
                acked = Long.parseLong(ack);
            }
            assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        }
        assertThat(acked).as("acknowledged writes").isGreaterThanOrEqualTo(killAfter);

        try (LevelDbStore store = Stores.open(dataDir, options)) {
            for (long i = 0; i <= acked; i++) {
                assertThat(store.get(StoreWriter.key(i))).as("acknowledged write %d of %d", i, acked)
                        .isEqualTo(StoreWriter.value(i));
                if (i % 10 == 0) {
                    assertThat(store.get(StoreWriter.pair(i))).as("acknowledged batch %d", i)
                            .isEqualTo(StoreWriter.value(i));
                }
            }
            // The writer is sequential: at most write acked+1 was in flight, so acked+2 never started.
            assertThat(store.get(StoreWriter.key(acked + 2))).isNull();
        }
    }
}
