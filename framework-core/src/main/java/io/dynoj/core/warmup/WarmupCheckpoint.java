package io.dynoj.core.warmup;

import io.dynoj.core.spi.TokenRange;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Where a warm-up is, kept in {@code <data_dir>/warmup.state} so that a node restarted in the middle of one
 * resumes it (WRITES_ONLY again, from the range and leaf it had reached) rather than coming back NORMAL with
 * part of its data. Written after every batch of keys (a temporary file moved over the old one, so a crash
 * leaves the old or the new one), deleted when the warm-up is DONE. Used by the warm-up thread only.
 *
 * @param phase WARMING or RESUMING
 * @param piece the index of the range being copied in the plan (the node's ranges in token order)
 * @param range that range, to tell whether the plan is still the same after a restart
 * @param depth the Merkle tree depth its leaves are counted in, -1 before it was chosen
 * @param nextLeaf the first leaf not copied yet
 */
record WarmupCheckpoint(WarmupProgress.State phase, int piece, TokenRange range, int depth, int nextLeaf,
                        long keysCopied, long bytesCopied) {

    static final String FILE = "warmup.state";

    static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }

    /** The checkpoint in {@code dataDir}, or null when no warm-up was under way (or the file is unreadable). */
    static WarmupCheckpoint load(Path dataDir) {
        Path f = file(dataDir);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(in);
            return new WarmupCheckpoint(WarmupProgress.State.valueOf(p.getProperty("phase")),
                    Integer.parseInt(p.getProperty("piece", "0")), TokenRange.parse(p.getProperty("range", "0:0")),
                    Integer.parseInt(p.getProperty("depth", "-1")), Integer.parseInt(p.getProperty("next_leaf", "0")),
                    Long.parseLong(p.getProperty("keys_copied", "0")), Long.parseLong(p.getProperty("bytes_copied", "0")));
        } catch (IOException | RuntimeException e) {
            // A file there says a warm-up was under way even when its figures cannot be read: start it over.
            return new WarmupCheckpoint(WarmupProgress.State.WARMING, 0, TokenRange.all(), -1, 0, 0, 0);
        }
    }

    void save(Path dataDir) {
        Properties p = new Properties();
        p.setProperty("phase", phase.name());
        p.setProperty("piece", Integer.toString(piece));
        p.setProperty("range", range.start() + ":" + range.end());
        p.setProperty("depth", Integer.toString(depth));
        p.setProperty("next_leaf", Integer.toString(nextLeaf));
        p.setProperty("keys_copied", Long.toString(keysCopied));
        p.setProperty("bytes_copied", Long.toString(bytesCopied));
        try {
            Files.createDirectories(dataDir);
            Path tmp = dataDir.resolve(FILE + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "Dynoj warm-up under way: the node resumes it at start (docs/WARMUP.md)");
            }
            Files.move(tmp, file(dataDir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(dataDir), e);
        }
    }

    static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(file(dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file(dataDir), e);
        }
    }
}
