package io.dynoj.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.testkit.Binaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The assembled distribution, as an operator gets it: the tarball (path from the build) unpacked into
 * a directory, its {@code bin/dynoj} run as a process.
 */
final class Dist {

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private Dist() {
    }

    static Path tarball() {
        Path tarball = Path.of(System.getProperty("dynoj.tarball", "../distribution/target/dynoj-"
                + version() + "-bin.tar.gz"));
        assertThat(tarball).as("the distribution tarball; build with ./mvnw package -pl distribution-it -am").exists();
        return tarball;
    }

    static String version() {
        return System.getProperty("dynoj.version", "0.1.0-SNAPSHOT");
    }

    /** The reactor's root directory (for distribution/src/build/SelectPlugins.java). */
    static Path reactor() {
        return Path.of(System.getProperty("dynoj.reactor", "..")).toAbsolutePath().normalize();
    }

    /** Unpacks the tarball into {@code dir} with tar, as a user would; returns DYNOJ_HOME. */
    static Path unpack(Path dir) {
        Result r = exec(dir, List.of("tar", "xzf", tarball().toAbsolutePath().toString(), "-C", dir.toString()));
        assertThat(r.exit()).as("tar: %s", r.stderr()).isZero();
        return dir.resolve("dynoj-" + version());
    }

    /** Runs {@code bin/dynoj args...} of {@code home} to its end. */
    static Result dynoj(Path home, String... args) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/dynoj").toString());
        command.addAll(List.of(args));
        return exec(home, command);
    }

    /** Runs {@code redis-cli -p port args...}. */
    static Result redisCli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of(Binaries.require("redis-cli", "redis-tools").toString(),
                "-h", "127.0.0.1", "-p", String.valueOf(port)));
        command.addAll(List.of(args));
        return exec(Path.of("."), command);
    }

    /** The output of a finished process. */
    record Result(int exit, String stdout, String stderr) {
    }

    static Result exec(Path dir, List<String> command) {
        try {
            Path out = Files.createTempFile("dynoj-it-", ".out");
            Path err = Files.createTempFile("dynoj-it-", ".err");
            try {
                Process p = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(command + " did not end within " + COMMAND_TIMEOUT + "; output: "
                            + Files.readString(out) + Files.readString(err));
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
