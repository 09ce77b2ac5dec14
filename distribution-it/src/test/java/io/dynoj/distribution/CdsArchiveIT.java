package io.dynoj.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.testkit.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data sharing archive the distribution build makes (lib/dynoj.jsa, distribution/src/build/TrainCds.java):
 * a node of the tarball unpacked elsewhere than where the archive was made maps it, and a node starts without
 * it and with a stale one (bin/dynoj, -Xshare:auto).
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
    void theTarballCarriesAnArchiveThatANodeMapsWhereverItIsUnpacked() throws IOException {
        assertThat(archive).isRegularFile();
        assertThat(Files.size(archive)).isGreaterThan(1 << 20);
        try (DynojProcess node = start()) {
            assertThat(Dist.redisCli(node.port(), "SET", "k", "v").stdout()).isEqualTo("OK\n");
            assertThat(mappedFiles(node)).contains(archive.toString());
        }
    }

    @Test
    void aNodeStartsWithoutTheArchive() throws IOException {
        Files.delete(archive);
        try (DynojProcess node = start()) {
            assertThat(Dist.redisCli(node.port(), "PING").stdout()).isEqualTo("PONG\n");
            assertThat(mappedFiles(node)).doesNotContain("dynoj.jsa");
        }
    }

    @Test
    void aNodeStartsWithAStaleArchive() throws IOException {
        // What a JDK update or a broken copy leaves: a file that is not an archive this JVM can use.
        Files.write(archive, new byte[64 * 1024]);
        try (DynojProcess node = start()) {
            assertThat(Dist.redisCli(node.port(), "PING").stdout()).isEqualTo("PONG\n");
            assertThat(mappedFiles(node)).doesNotContain("dynoj.jsa");
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

    /** What the JVM has mapped: a used archive is there, an unused one is not. */
    private static String mappedFiles(DynojProcess node) throws IOException {
        return Files.readString(Path.of("/proc/" + node.processId() + "/maps"));
    }
}
