package io.dynoj.leveldb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pure-Java LevelDB takes over where the native library really does not load: in a JVM whose
 * {@code java.io.tmpdir} is a file, leveldbjni cannot extract its library and fails to load.
 */
class LevelDbFallbackIT {

    @TempDir
    Path work;

    @Test
    void autoFallsBackToPureJavaWhenTheNativeLibraryCannotLoad() throws Exception {
        String output = run("{engine: auto}", Files.createFile(work.resolve("tmp-is-a-file")), 0);
        assertThat(output).contains("describe LevelDB (pure-Java LevelDB 1.2) at")
                .contains("native LevelDB library (leveldbjni) did not load")
                .contains("Not a directory");
    }

    @Test
    void engineNativeFailsWhenTheNativeLibraryCannotLoad() throws Exception {
        String output = run("{engine: native}", Files.createFile(work.resolve("tmp-is-a-file")), 1);
        assertThat(output).contains("engine native was asked for").contains("Not a directory")
                .doesNotContain("describe ");
    }

    @Test
    void engineJavaUsesPureJavaWhereNativeWouldLoad() throws Exception {
        assertThat(run("{engine: java}", Files.createDirectories(work.resolve("tmp")), 0))
                .contains("describe LevelDB (pure-Java LevelDB 1.2) at");
        assertThat(run("{engine: auto}", Files.createDirectories(work.resolve("tmp2")), 0))
                .contains("describe LevelDB (native leveldbjni 1.8) at");
    }

    /** Runs StoreWriter's describe in a new JVM; returns its stdout and stderr. */
    private String run(String options, Path tmpDir, int exitCode) throws Exception {
        Path dataDir = Files.createDirectories(work.resolve("data"));
        try (ChildJvm child = new ChildJvm(dataDir, options, tmpDir, "describe")) {
            child.next("no such line: read to the end");
            assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.process.exitValue()).as(child::output).isEqualTo(exitCode);
            return child.output();
        }
    }
}
