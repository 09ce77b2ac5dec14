package io.dynoj.leveldb;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.dynoj.core.storage.StoreBatch;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The process LevelDbKillIT kills: opens a store and writes {@link #key}/{@link #value} pairs
 * 0, 1, 2... until killed, printing {@code ack N} after write N returned (every 10th write is a
 * batch that also writes {@link #pair}). With {@code describe} it prints the store's description
 * and exits instead.
 *
 * <p>Usage: {@code StoreWriter <data dir> <leveldb: section as YAML flow text> [describe]}
 */
public final class StoreWriter {

    private StoreWriter() {
    }

    static byte[] key(long i) {
        return String.format("key-%09d", i).getBytes(UTF_8);
    }

    static byte[] pair(long i) {
        return String.format("pair-%09d", i).getBytes(UTF_8);
    }

    /** About 100 bytes, so that a run fills memtables and writes table files while it is killed. */
    static byte[] value(long i) {
        return ("value-" + i + "-" + "x".repeat(90)).getBytes(UTF_8);
    }

    public static void main(String[] args) {
        // Own stream, flushed after each line: an "ack" must leave the process when it is printed.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, UTF_8);
        LevelDbStore store = Stores.open(Path.of(args[0]), args[1]);
        if (args.length > 2 && args[2].equals("describe")) {
            out.println("describe " + store.describe());
            out.flush();
            store.close();
            return;
        }
        out.println("open " + store.describe());
        out.flush();
        for (long i = 0; ; i++) {
            if (i % 10 == 0) {
                store.write(new StoreBatch().put(key(i), value(i)).put(pair(i), value(i)));
            } else {
                store.put(key(i), value(i));
            }
            out.println("ack " + i);
            out.flush();
        }
    }
}
