package io.dynoj.core.server;

import com.codahale.metrics.Timer;
import io.dynoj.core.spi.ChildSink;
import io.dynoj.core.spi.FrameRequest;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;

/**
 * Keeps one client connection's reads behind its own unanswered writes to the same keys. In a
 * cluster of several racks a write goes to its key's primary, possibly another rack's node, while a
 * read goes to the local rack: a read the client pipelined behind a write could be served before the
 * write's effect reaches the local rack, and the client would read its own write's reply followed by
 * the old value. Once a write is answered the local rack has it (DC_ONE waits for the writer's rack),
 * so only reads sent before then need to wait.
 *
 * <p>Unanswered writes are counted per key hash in {@value #SLOTS} counters; a key marks two of them
 * (a counting Bloom filter: with 8 writes unanswered about 0.4 % of unrelated keys look written; 64
 * counters with one or two per key held 4.5 % of a random SET/GET mix and cost a fifth more node CPU,
 * every hold splitting a pipeline into two rounds). A request that reads a key both of whose counters
 * are busy is held, and so is every request after it, so that nothing is dispatched out of the
 * client's order (a held read must not see a later write); when the writes are answered the held
 * requests are dispatched in order, until one must wait again. Keyless requests and writes are held
 * only behind a held request. A held request keeps its place in the reply order and its in-flight
 * slot from the moment it arrives; the fence only delays its dispatch. A counted write is dispatched
 * with a {@link CountedWrite} sink that gives its counters back when it is answered (one small object
 * per write, on fenced connections only; connections without a fence allocate nothing more).
 *
 * <p>Not thread-safe: one per connection, used on its event loop. Only connections of a node whose
 * router may serve a read before an earlier write ({@link io.dynoj.core.routing.RequestDispatcher#
 * readsMayOvertakeWrites}) have one; {@code -Ddynoj.write_fence=false} turns it off, only to measure
 * what it costs or to show what it prevents.
 */
final class WriteFence {

    /** System property: {@code false} turns the fence off, for connections opened from then on. */
    static final String PROPERTY = "dynoj.write_fence";
    static final int SLOTS = 256;
    /** Keys whose counters a {@link CountedWrite} keeps in one long: 16 bits each, the count above them. */
    static final int INLINE_KEYS = 3;

    /** What serves a request once it may go: the connection's own path, with the reply place it kept. */
    @FunctionalInterface
    interface Server {
        void serve(Request request, PendingReply place, Timer timer, long startNanos);
    }

    private record Held(Request request, PendingReply place, Timer timer, long startNanos) {
    }

    private final Server server;
    /** Taken at the first counted write, null before (as {@link #held} before the first hold): a connection that
     * never writes, or is idle, does not carry 1 KB of counters. */
    private int[] counts;
    /** Writes counted and not answered yet: with none, nothing is hashed. */
    private int unanswered;
    private ArrayDeque<Held> held;
    private boolean releasing;

    WriteFence(Server server) {
        this.server = server;
    }

    /** Whether the fence is on for a connection opening now. */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /** Whether {@code request}, just arrived, must wait: behind a held request, or reading a busy key. */
    boolean mustHold(Request request) {
        return held != null && !held.isEmpty() || readsBusyKey(request);
    }

    /** Keeps {@code request} (ownership passes) until it may be served in {@code place}. */
    void hold(Request request, PendingReply place, Timer timer, long startNanos) {
        if (held == null) {
            held = new ArrayDeque<>(4);
        }
        held.add(new Held(request, place, timer, startNanos));
    }

    /**
     * The sink to dispatch {@code request} with: {@code sink} itself, or for a write with keys a sink
     * that counts it as unanswered until it is answered (call just before dispatching).
     */
    ReplySink dispatching(Request request, ReplySink sink) {
        int keys = request.keyCount();
        if (request.kind() != RequestKind.WRITE || keys == 0) {
            return sink;
        }
        unanswered++;
        if (counts == null) {
            counts = new int[SLOTS];
        }
        if (keys > INLINE_KEYS) {
            char[] pairs = new char[keys];
            for (int k = 0; k < keys; k++) {
                pairs[k] = (char) pair(request, k);
                add(pairs[k], 1);
            }
            return new CountedWrite(sink, 0, pairs);
        }
        long inline = (long) keys << (16 * INLINE_KEYS);
        for (int k = 0; k < keys; k++) {
            int pair = pair(request, k);
            add(pair, 1);
            inline |= (long) pair << (16 * k);
        }
        return new CountedWrite(sink, inline, null);
    }

    /** {@code write} was answered: its counters go back, and held requests that no longer wait are served, in order. */
    private void answered(CountedWrite write) {
        unanswered--;
        if (write.pairs == null) {
            for (int k = (int) (write.inline >>> (16 * INLINE_KEYS)); k > 0; k--) {
                add((int) (write.inline >>> (16 * (k - 1))) & 0xFFFF, -1);
            }
        } else {
            for (char pair : write.pairs) {
                add(pair, -1);
            }
        }
        if (releasing || held == null) {
            return; // a write served by the loop below was answered at once; the loop goes on (or none is held)
        }
        releasing = true;
        try {
            Held next;
            while ((next = held.peek()) != null && !readsBusyKey(next.request)) {
                held.poll();
                server.serve(next.request, next.place, next.timer, next.startNanos);
            }
        } finally {
            releasing = false;
        }
    }

    private void add(int pair, int delta) {
        counts[pair >>> 8] += delta;
        counts[pair & 0xFF] += delta;
    }

    /** The connection is gone: held requests are released (their places are discarded with the connection's). */
    void discard() {
        Held h;
        while (held != null && (h = held.poll()) != null) {
            h.request.release();
        }
    }

    private boolean readsBusyKey(Request request) {
        if (unanswered == 0 || request.kind() == RequestKind.WRITE) {
            return false;
        }
        for (int k = 0; k < request.keyCount(); k++) {
            int pair = pair(request, k);
            if (counts[pair >>> 8] != 0 && counts[pair & 0xFF] != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The sink of a counted write: gives the write's counters back when it is answered (on the client's
     * event loop, {@link ChildSink}), then answers the connection's sink. Reads it held may be dispatched
     * before the write's own reply is handled; replies keep their order in the connection's queue.
     */
    private final class CountedWrite extends ChildSink {
        private final long inline;
        private final char[] pairs;

        CountedWrite(ReplySink parent, long inline, char[] pairs) {
            super(parent);
            this.inline = inline;
            this.pairs = pairs;
        }

        @Override
        protected void onReply(ByteBuf reply) {
            answered(this);
            parent.reply(reply);
        }

        @Override
        protected void onError(String message) {
            answered(this);
            parent.error(message);
        }
    }

    /** The two counters of key {@code k} of {@code request}: read in place from a {@link FrameRequest}'s frame. */
    static int pair(Request request, int k) {
        if (request instanceof FrameRequest f) {
            int start = f.frame().readerIndex();
            return pair(f.frame(), start + f.keyOffset(k), start + f.keyEnd(k));
        }
        ByteBuf key = request.key(k);
        return pair(key, key.readerIndex(), key.writerIndex());
    }

    /** The two counters of the key in {@code bytes[from, to)} as {@code first << 8 | second}: two bytes of its mixed FNV-1a hash. */
    static int pair(ByteBuf bytes, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ (bytes.getByte(i) & 0xFF)) * 0x01000193;
        }
        return (int) ((h * 0x9E3779B97F4A7C15L) >>> 48);
    }
}
