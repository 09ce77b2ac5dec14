package io.dynoj.core.handoff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One target node's hints, in the order they were stored: append-only segment files ({@code <seq>.hints},
 * rolled at 64 MiB) and an {@code acked} file holding the position up to which the target has acknowledged
 * them. Segments wholly acknowledged are deleted. A position is {@code seq << 40 | offset}. Appends are
 * written to the file at once (they survive a kill of the process; {@link #sync} forces them to the disk); a
 * record torn by a crash is cut off when the log is opened again.
 *
 * <p>Thread-safe: appends come from any event loop, reads and acknowledgements from the replay thread.
 */
final class HintLog implements AutoCloseable {

    static final long SEGMENT_BYTES = 64L << 20;
    private static final int SHIFT = 40;
    private static final String SUFFIX = ".hints";

    private final Path dir;
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private FileChannel current;
    private long currentSeq;
    private long end;
    private volatile long acked;

    private HintLog(Path dir) {
        this.dir = dir;
    }

    static HintLog open(Path dir) {
        HintLog log = new HintLog(dir);
        try {
            log.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the hints in " + dir, e);
        }
        return log;
    }

    private void load() throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).forEach(f -> {
                String name = f.getFileName().toString();
                segments.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), f);
            });
        }
        Path ackFile = dir.resolve("acked");
        acked = Files.exists(ackFile) ? Long.parseLong(Files.readString(ackFile).trim()) : 0;
        currentSeq = segments.isEmpty() ? Math.max(1, seq(acked)) : segments.lastKey();
        Path last = segments.computeIfAbsent(currentSeq, this::segmentPath);
        current = FileChannel.open(last, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long valid = validLength(current);
        current.truncate(valid);
        current.position(valid);
        end = position(currentSeq, valid);
        if (!Files.exists(ackFile) || seq(acked) < segments.firstKey() || acked - end > 0) {
            acked = position(segments.firstKey(), 0);
        }
    }

    /** The length of the complete, intact records at the start of {@code channel}. */
    private static long validLength(FileChannel channel) throws IOException {
        long size = channel.size();
        long p = 0;
        ByteBuffer header = ByteBuffer.allocate(Hint.HEADER);
        while (p + Hint.HEADER <= size) {
            header.clear();
            channel.read(header, p);
            header.flip();
            int length = header.getInt();
            int crc = header.getInt();
            if (length < 0 || p + Hint.HEADER + length > size) {
                break;
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            channel.read(body, p + Hint.HEADER);
            body.flip();
            if (Hint.decode(body, crc) == null) {
                break;
            }
            p += Hint.HEADER + length;
        }
        return p;
    }

    /** Appends {@code hint}; returns the log's bytes not yet acknowledged. */
    synchronized long append(Hint hint) {
        try {
            if (current.position() >= SEGMENT_BYTES) {
                current.close();
                currentSeq++;
                Path next = segmentPath(currentSeq);
                segments.put(currentSeq, next);
                current = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            }
            ByteBuffer record = hint.encode();
            while (record.hasRemaining()) {
                current.write(record);
            }
            end = position(currentSeq, current.position());
            return pendingBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a hint in " + dir, e);
        }
    }

    /** A stored hint and the position just after it. */
    record Entry(Hint hint, long next) {
    }

    /** Up to {@code max} hints from {@code from} (a position this log gave), in order. */
    List<Entry> read(long from, int max) {
        long until;
        synchronized (this) {
            until = end;
        }
        List<Entry> out = new ArrayList<>();
        long p = from;
        try {
            while (out.size() < max && p != until) {
                Path file;
                synchronized (this) {
                    file = segments.get(seq(p));
                    if (file == null || (seq(p) < currentSeq && offset(p) >= Files.size(file))) {
                        Long next = segments.higherKey(seq(p));
                        if (next == null) {
                            break;
                        }
                        p = position(next, 0);
                        continue;
                    }
                }
                p = readSegment(file, p, until, max, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the hints in " + dir, e);
        }
        return out;
    }

    private long readSegment(Path file, long p, long until, int max, List<Entry> out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long limit = seq(until) == seq(p) ? offset(until) : channel.size();
            long offset = offset(p);
            ByteBuffer header = ByteBuffer.allocate(Hint.HEADER);
            while (out.size() < max && offset + Hint.HEADER <= limit) {
                header.clear();
                channel.read(header, offset);
                header.flip();
                int length = header.getInt();
                int crc = header.getInt();
                ByteBuffer body = ByteBuffer.allocate(length);
                channel.read(body, offset + Hint.HEADER);
                body.flip();
                Hint hint = Hint.decode(body, crc);
                if (hint == null) {
                    throw new IOException("a damaged hint at " + offset + " in " + file);
                }
                offset += Hint.HEADER + length;
                out.add(new Entry(hint, position(seq(p), offset)));
            }
            return position(seq(p), offset);
        }
    }

    /** The target acknowledged everything before {@code position}: remembered, and whole segments deleted. */
    synchronized void ack(long position) {
        acked = position;
        try {
            Path tmp = dir.resolve("acked.tmp");
            Files.writeString(tmp, Long.toString(position));
            Files.move(tmp, dir.resolve("acked"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            while (!segments.isEmpty() && segments.firstKey() < seq(position) && segments.firstKey() < currentSeq) {
                Files.deleteIfExists(segments.pollFirstEntry().getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record acknowledged hints in " + dir, e);
        }
    }

    /** Drops every hint (the target will be repaired whole instead). */
    synchronized void clear() {
        ack(end);
        try {
            current.close();
            for (Path p : segments.values()) {
                Files.deleteIfExists(p);
            }
            segments.clear();
            currentSeq++;
            Path next = segmentPath(currentSeq);
            segments.put(currentSeq, next);
            current = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            end = position(currentSeq, 0);
            ack(end);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot drop the hints in " + dir, e);
        }
    }

    long acked() {
        return acked;
    }

    synchronized boolean isEmpty() {
        return acked == end;
    }

    /** Bytes stored and not yet acknowledged. */
    synchronized long pendingBytes() {
        long bytes = 0;
        try {
            for (var s : segments.entrySet()) {
                if (s.getKey() >= seq(acked)) {
                    bytes += s.getKey() == currentSeq ? current.position() : Files.size(s.getValue());
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return Math.max(0, bytes - offset(acked));
    }

    /** Forces what was appended to the disk (a machine crash, not only a process kill, keeps it). */
    synchronized void sync() {
        try {
            current.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the hints in " + dir, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            current.close();
        } catch (IOException e) {
            // closing: nothing more to write
        }
    }

    private Path segmentPath(long seq) {
        return dir.resolve(String.format("%012d%s", seq, SUFFIX));
    }

    private static long position(long seq, long offset) {
        return seq << SHIFT | offset;
    }

    private static long seq(long position) {
        return position >>> SHIFT;
    }

    private static long offset(long position) {
        return position & ((1L << SHIFT) - 1);
    }
}
