package io.dynoj.leveldb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link StoreWriter} in its own JVM, on this test's class path. */
final class ChildJvm implements AutoCloseable {

    final Process process;
    final BufferedReader stdout;
    final Path stderr;
    /** Every line of stdout read so far (the child's log goes there too). */
    final List<String> lines = new ArrayList<>();

    /**
     * @param tmpDir the child's {@code java.io.tmpdir}: where leveldbjni extracts its native library
     *     (a killed JVM never deletes it, so tests give it a directory they delete)
     */
    ChildJvm(Path dataDir, String options, Path tmpDir, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djava.io.tmpdir=" + tmpDir,
                "-cp", System.getProperty("java.class.path"),
                StoreWriter.class.getName(), dataDir.toString(), options));
        command.addAll(List.of(more));
        stderr = Files.createTempFile(dataDir.getParent(), "child", ".stderr");
        process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The child's next line that starts with {@code prefix}, without it; null at the end of its output. */
    String next(String prefix) throws IOException {
        for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
            if (lines.size() < 1000) {
                lines.add(line);
            }
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        return null;
    }

    /** What the child printed, for assertions and failure messages. */
    String output() {
        return String.join("\n", lines) + "\n--- stderr:\n" + stderrText();
    }

    String stderrText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        stdout.close();
    }
}
