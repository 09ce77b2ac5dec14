package io.dynoj.core.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Gathers the small messages one connection sends in an event-loop iteration into one buffer, so
 * they reach the socket as one write instead of one pipeline write and one iovec each: for a proxy
 * whose messages are mostly under a hundred bytes, copying them is far cheaper than Netty's
 * per-message bookkeeping. Messages over {@link #COPY_LIMIT} are passed on as they are (after what
 * was gathered before them, so order holds).
 *
 * <p>A message alone in its flush is written as it is, not copied: the batch buffer ({@value #BATCH_CAPACITY}
 * bytes) is taken only once a second message joins the first. Why: a flush comes after every ready channel
 * of the loop iteration was read ({@link FlushBatcher}), so each connection that answered in that round
 * held its batch buffer until then. 10,000 clients sending one request each at once held up to 16 KB each
 * at the same moment (the allocator keeps what it once needed), where their replies alone are a few bytes
 * each; and a one-request round trip skips a copy.
 *
 * <p>Not thread-safe: used on the channel's event loop. {@link #discard()} when the channel closes.
 */
public final class WriteBatch {

    /** Larger messages are not copied. */
    public static final int COPY_LIMIT = 2048;
    private static final int BATCH_CAPACITY = 16 * 1024;
    private static final int BATCH_MAX = 64 * 1024;

    private final Channel channel;
    /** The one message gathered since the last flush, kept as it is; null once {@link #batch} holds it. */
    private ByteBuf single;
    private ByteBuf batch;

    public WriteBatch(Channel channel) {
        this.channel = channel;
    }

    /** Queues {@code bytes} for the next flush; takes ownership. */
    public void add(ByteBuf bytes) {
        int length = bytes.readableBytes();
        if (length > COPY_LIMIT) {
            writeOut();
            channel.write(bytes, channel.voidPromise());
            return;
        }
        if (length == 0) {
            bytes.release();
            return;
        }
        if (single == null && batch == null) {
            single = bytes;
            return;
        }
        reserve(length).writeBytes(bytes, bytes.readerIndex(), length);
        bytes.release();
    }

    /** The buffer to append {@code bytes} more bytes to directly (for headers). */
    public ByteBuf reserve(int bytes) {
        if (batch != null && batch.readableBytes() + bytes > BATCH_MAX) {
            writeOut();
        }
        if (batch == null) {
            int held = single == null ? 0 : single.readableBytes();
            batch = channel.alloc().ioBuffer(Math.max(BATCH_CAPACITY, held + bytes));
            if (single != null) {
                batch.writeBytes(single, single.readerIndex(), held);
                single.release();
                single = null;
            }
        }
        return batch;
    }

    /** Writes what was gathered and flushes the channel. */
    public void flush() {
        writeOut();
        channel.flush();
    }

    private void writeOut() {
        if (single != null) {
            channel.write(single, channel.voidPromise());
            single = null;
            return; // no batch while a message is single
        }
        if (batch == null) {
            return;
        }
        if (batch.isReadable()) {
            channel.write(batch, channel.voidPromise());
        } else {
            batch.release();
        }
        batch = null;
    }

    /** Drops what was gathered (the channel is gone). */
    public void discard() {
        if (single != null) {
            single.release();
            single = null;
        }
        if (batch != null) {
            batch.release();
            batch = null;
        }
    }
}
