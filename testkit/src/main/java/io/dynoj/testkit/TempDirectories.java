package io.dynoj.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Temporary directories of test servers and fixtures: made under the system's temp directory, deleted whole. */
public final class TempDirectories {

    private static final Logger log = LoggerFactory.getLogger(TempDirectories.class);

    private TempDirectories() {
    }

    /**
     * @param prefix the start of the directory's name, e.g. {@code dynoj-redis-6379-}
     * @return a new empty directory
     * @throws UncheckedIOException if it cannot be made
     */
    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory " + prefix + "*", e);
        }
    }

    /**
     * Deletes {@code dir} and everything under it; does nothing if it is {@code null} or gone. A failure is
     * logged, not thrown: a leftover temporary directory is harmless, failing a test over it would not be.
     */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not delete {}", dir, e);
        }
    }
}
