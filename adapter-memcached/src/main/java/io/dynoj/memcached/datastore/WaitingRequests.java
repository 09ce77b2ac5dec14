package io.dynoj.memcached.datastore;

import io.dynoj.core.spi.ReplySink;
import io.dynoj.memcached.protocol.ReplyShape;

/**
 * The requests of one datastore connection that wait for their replies, oldest first: where each
 * reply goes, and how it is framed. A ring of two parallel arrays, so queuing a request allocates
 * nothing. Not thread-safe: used on the connection's event loop.
 */
final class WaitingRequests implements ExpectedReplies {

    private static final ReplyShape[] SHAPES = ReplyShape.values();
    private static final byte QUIET = (byte) 0x80;

    private ReplySink[] sinks = new ReplySink[16];
    private byte[] framing = new byte[16];
    private int head;
    private int size;

    void add(ReplySink sink, ReplyShape shape, boolean quiet) {
        if (size == sinks.length) {
            grow();
        }
        int slot = (head + size) & (sinks.length - 1);
        sinks[slot] = sink;
        framing[slot] = (byte) (shape.ordinal() | (quiet ? QUIET : 0));
        size++;
    }

    /** Removes and returns the oldest waiting sink, or {@code null} if none waits. */
    ReplySink poll() {
        if (size == 0) {
            return null;
        }
        ReplySink sink = sinks[head];
        sinks[head] = null;
        head = (head + 1) & (sinks.length - 1);
        size--;
        return sink;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    @Override
    public ReplyShape shape(int index) {
        return index < size ? SHAPES[framing[slot(index)] & 0x7f] : null;
    }

    @Override
    public boolean quiet(int index) {
        return index < size && (framing[slot(index)] & QUIET) != 0;
    }

    private int slot(int index) {
        return (head + index) & (sinks.length - 1);
    }

    private void grow() {
        int capacity = sinks.length * 2;
        ReplySink[] newSinks = new ReplySink[capacity];
        byte[] newFraming = new byte[capacity];
        for (int i = 0; i < size; i++) {
            newSinks[i] = sinks[slot(i)];
            newFraming[i] = framing[slot(i)];
        }
        sinks = newSinks;
        framing = newFraming;
        head = 0;
    }
}
