package io.dynoj.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class BinariesTest {

    @TempDir
    Path dir;

    @Test
    void findsTheFirstExecutableInSearchOrder() throws IOException {
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        Path notExecutable = Files.createFile(first.resolve("tool"));
        Path executable = executable(second.resolve("tool"));

        assertTrue(notExecutable.toFile().exists());
        assertEquals(Optional.of(executable), Binaries.find("tool", List.of(first, second)));
    }

    @Test
    void missingBinaryIsEmpty() {
        assertEquals(Optional.empty(), Binaries.find("no-such-binary-dynoj", List.of(dir)));
    }

    @Test
    void searchPathEndsWithTheSbinFallbacks() {
        List<Path> path = Binaries.searchPath();
        assertEquals(List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/usr/local/bin"),
                Path.of("/usr/local/sbin")), path.subList(path.size() - 4, path.size()));
    }

    @Test
    void rejectsPaths() {
        assertThrows(IllegalArgumentException.class, () -> Binaries.find("bin/sh", List.of(dir)));
    }

    @Test
    void missingBinaryAbortsTheTestLocally() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> Binaries.require("redis-server", "redis-server", Optional.empty(), false));
        assertEquals("redis-server not found on PATH; install it: apt-get install redis-server "
                + "(the test command scripts/test.sh does this when run as root)", e.getMessage());
    }

    @Test
    void missingBinaryFailsUnderCi() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Binaries.require("memcached", "memcached", Optional.empty(), true));
        assertTrue(e.getMessage().startsWith("memcached not found on PATH; install it: apt-get install memcached"),
                e.getMessage());
    }

    @Test
    void presentBinaryIsReturnedEvenUnderCi() throws IOException {
        Path tool = executable(dir.resolve("tool"));
        assertEquals(tool, Binaries.require("tool", "tool", Optional.of(tool), true));
    }

    @Test
    void aMissingPackagedFileAbortsLocallyAndFailsUnderCi() throws IOException {
        Path jar = dir.resolve("zookeeper.jar");
        TestAbortedException local = assertThrows(TestAbortedException.class,
                () -> Binaries.requireFile(jar, "zookeeper", false));
        assertEquals(jar + " not found; install it: apt-get install zookeeper "
                + "(the test command scripts/test.sh does this when run as root)", local.getMessage());
        assertThrows(IllegalStateException.class, () -> Binaries.requireFile(jar, "zookeeper", true));

        Files.createFile(jar);
        assertEquals(jar, Binaries.requireFile(jar, "zookeeper", true));
    }

    private static Path executable(Path path) throws IOException {
        return Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
}
