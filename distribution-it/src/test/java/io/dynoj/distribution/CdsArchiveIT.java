package io.dynoj.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.testkit.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data sharing archive (lib/dynoj.jsa, bin/dynoj): Java 17 takes an archive only at the path it was made
 * for, so the tarball unpacked elsewhere has its first node write one at its exit, which the next start maps; a
 * node starts without an archive and with a broken one (-Xshare:auto, the JVM's CDS messages silenced).
 */
class CdsArchiveIT {

    @TempDir
    Path dir;

    private Path home;
    private Path archive;

    @BeforeEach
    void unpack() {
        home = Dist.unpack(dir);
        archive = home.resolve("lib/dynoj.jsa");
    }

    @Test
    void anInstallationElsewhereMakesItsOwnArchiveAtTheFirstStopAndMapsItAfter() throws IOException {
        assertThat(archive).as("the build's archive, made for the build's tree").isRegularFile();
        try (DynojProcess node = start()) {
            assertThat(Dist.redisCli(node.port(), "SET", "k", "v").stdout()).isEqualTo("OK\n");
            assertThat(mappedFiles(node)).as("made for another path").doesNotContain(archive.toString());
            stopAndAwaitExit(node);
        }
        try (DynojProcess node = start()) {
            assertThat(Dist.redisCli(node.port(), "PING").stdout()).isEqualTo("PONG\n");
            assertThat(mappedFiles(node)).contains(archive.toString());
            assertThat(Files.readString(node.logFile())).doesNotContain("[warning]");
        }
        assertThat(Files.readString(home.resolve("lib/dynoj.jsa.for"))).startsWith(home + " ");
    }

    @Test
    void aNodeStartsWithoutAnArchiveAndWithABrokenOne() throws IOException {
        try (DynojProcess node = start()) {
            assertThat(Dist.redisCli(node.port(), "PING").stdout()).isEqualTo("PONG\n");
            stopAndAwaitExit(node);
        }
        try (DynojProcess node = start()) {
            assertThat(mappedFiles(node)).contains(archive.toString());
        }
        // What a disk error or a half-written copy leaves, with the record saying it is this installation's.
        Files.write(archive, new byte[64 * 1024]);
        try (DynojProcess node = start()) {
            assertThat(Dist.redisCli(node.port(), "PING").stdout()).isEqualTo("PONG\n");
            assertThat(Files.readString(node.logFile())).doesNotContain("[warning]");
        }
        Files.delete(archive);
        try (DynojProcess node = start()) {
            assertThat(Dist.redisCli(node.port(), "PING").stdout()).isEqualTo("PONG\n");
        }
    }

    private DynojProcess start() throws IOException {
        int port = FreePorts.next();
        Path config = Files.writeString(dir.resolve("memory.yml"), """
                dyn_o_mite:
                  listen: 127.0.0.1:%d
                  stats_listen: 127.0.0.1:%d
                  datastore: memory
                """.formatted(port, FreePorts.next()));
        return DynojProcess.start(home, config, port);
    }

    /**
     * SIGTERM, then waits for the JVM to end: the archive is written at its exit, which on a loaded machine can
     * take longer than the 5 s {@code close()} grants before SIGKILL.
     */
    private static void stopAndAwaitExit(DynojProcess node) {
        ProcessHandle jvm = ProcessHandle.of(node.processId()).orElseThrow();
        jvm.destroy();
        jvm.onExit().orTimeout(120, TimeUnit.SECONDS).join();
    }

    /** What the JVM has mapped: a used archive is there, an unused one is not. */
    private static String mappedFiles(DynojProcess node) throws IOException {
        return Files.readString(Path.of("/proc/" + node.processId() + "/maps"));
    }
}
