package io.dynoj.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * Locates server binaries that integration tests run as external processes.
 *
 * <p>The search order is every entry of {@code PATH}, then {@code /usr/sbin}, {@code /usr/bin},
 * {@code /usr/local/bin} and {@code /usr/local/sbin}; the latter matter because Debian installs some daemons
 * into sbin directories that are not on a non-login {@code PATH}.
 */
public final class Binaries {

    private static final List<Path> FALLBACK_DIRS = List.of(
            Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/usr/local/bin"), Path.of("/usr/local/sbin"));

    private Binaries() {
    }

    /**
     * Finds an executable by name.
     *
     * @param name the bare file name, e.g. {@code redis-server}
     * @return the first executable regular file with that name on the search path, if any
     */
    public static Optional<Path> find(String name) {
        return find(name, searchPath());
    }

    /**
     * Returns the path of a binary a test cannot do without.
     *
     * <p>If it is missing, the test is aborted (reported as skipped) on a developer machine, but under CI
     * (environment variable {@code CI} equal to {@code "true"}) an {@link IllegalStateException} is thrown,
     * because a skipped backend test in CI would silently hide a broken setup.
     *
     * @param name the bare file name, e.g. {@code redis-server}
     * @param debianPackage the Debian package that provides it, named in the message
     * @return the path of the executable
     * @throws IllegalStateException if it is missing and running under CI
     * @throws org.opentest4j.TestAbortedException if it is missing and not running under CI
     */
    public static Path require(String name, String debianPackage) {
        return require(name, debianPackage, find(name), isCi());
    }

    /**
     * Returns a file a test cannot do without that a package installs at a fixed place (a jar under
     * {@code /usr/share/java}, ...): missing, it aborts the test locally and fails it under CI, as
     * {@link #require(String, String)}.
     *
     * @param file the absolute path the package installs
     * @param debianPackage the Debian package that provides it, named in the message
     * @return {@code file}
     * @throws IllegalStateException if it is missing and running under CI
     * @throws org.opentest4j.TestAbortedException if it is missing and not running under CI
     */
    public static Path requireFile(Path file, String debianPackage) {
        return requireFile(file, debianPackage, isCi());
    }

    static Path requireFile(Path file, String debianPackage, boolean ci) {
        Optional<Path> found = Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        return orAbort(found, missingMessage(file + " not found", debianPackage), ci);
    }

    static Path require(String name, String debianPackage, Optional<Path> found, boolean ci) {
        return orAbort(found, missingMessage(name + " not found on PATH", debianPackage), ci);
    }

    private static Path orAbort(Optional<Path> found, String message, boolean ci) {
        if (found.isPresent()) {
            return found.get();
        }
        if (ci) {
            throw new IllegalStateException(message);
        }
        return Assumptions.abort(message);
    }

    static String missingMessage(String what, String debianPackage) {
        return what + "; install it: apt-get install " + debianPackage
                + " (the test command scripts/test.sh does this when run as root)";
    }

    static boolean isCi() {
        return "true".equals(System.getenv("CI"));
    }

    static Optional<Path> find(String name, List<Path> dirs) {
        if (name.isEmpty() || name.contains("/") || name.contains(File.separator)) {
            throw new IllegalArgumentException("expected a bare executable name, got: " + name);
        }
        for (Path dir : dirs) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    static List<Path> searchPath() {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue; // an empty entry means "current directory"; never run a binary from there
                }
                try {
                    dirs.add(Path.of(entry));
                } catch (InvalidPathException ignored) {
                    // a malformed PATH entry cannot hold our binary; the fallbacks still apply
                }
            }
        }
        dirs.addAll(FALLBACK_DIRS);
        return dirs;
    }
}
