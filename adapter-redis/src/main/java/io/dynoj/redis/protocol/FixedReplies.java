package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Replies that are always the same bytes ({@code +OK}, {@code :0}, {@code $-1}...), made once and
 * shared instead of allocated and written per request (as Netty's {@code FixedRedisMessagePool}).
 *
 * <p>Each call hands out a {@code duplicate()} of a read-only, unreleasable buffer: the duplicate has
 * its own reader index, so a consumer that reads it (a socket write, a test) moves no one else's;
 * {@code release()} on it is a no-op, so the usual "whoever writes it releases it" still holds and
 * releasing twice is harmless; writing to it throws. The buffers are direct, allocated without leak
 * tracking (they are never freed, by design). Thread-safe: the shared buffers are never read or
 * moved themselves, only duplicated.
 */
public final class FixedReplies {

    /** Integers from {@link #MIN_INTEGER} to {@link #MAX_INTEGER} are shared: counts, flags, TTL's -1 and -2. */
    private static final int MIN_INTEGER = -2;
    private static final int MAX_INTEGER = 32;

    private static final UnpooledByteBufAllocator UNTRACKED = new UnpooledByteBufAllocator(true, true);

    private static final ByteBuf OK = fixed("+OK\r\n");
    private static final ByteBuf PONG = fixed("+PONG\r\n");
    private static final ByteBuf QUEUED = fixed("+QUEUED\r\n");
    private static final ByteBuf RESET = fixed("+RESET\r\n");
    private static final ByteBuf NULL_BULK = fixed("$-1\r\n");
    private static final ByteBuf NULL_ARRAY = fixed("*-1\r\n");
    private static final ByteBuf EMPTY_ARRAY = fixed("*0\r\n");
    private static final ByteBuf[] INTEGERS = new ByteBuf[MAX_INTEGER - MIN_INTEGER + 1];

    static {
        for (int i = MIN_INTEGER; i <= MAX_INTEGER; i++) {
            INTEGERS[i - MIN_INTEGER] = fixed(":" + i + "\r\n");
        }
    }

    private FixedReplies() {
    }

    public static ByteBuf ok() {
        return OK.duplicate();
    }

    public static ByteBuf pong() {
        return PONG.duplicate();
    }

    public static ByteBuf queued() {
        return QUEUED.duplicate();
    }

    /** {@code $-1}, the null bulk string. */
    public static ByteBuf nullBulk() {
        return NULL_BULK.duplicate();
    }

    /** {@code *-1}, the null array. */
    public static ByteBuf nullArray() {
        return NULL_ARRAY.duplicate();
    }

    /** {@code *0}. */
    public static ByteBuf emptyArray() {
        return EMPTY_ARRAY.duplicate();
    }

    /** The shared {@code :value}, or null when {@code value} is not one of the shared integers. */
    static ByteBuf integer(long value) {
        return value >= MIN_INTEGER && value <= MAX_INTEGER ? INTEGERS[(int) value - MIN_INTEGER].duplicate() : null;
    }

    /** The shared {@code +text}, or null when {@code text} is not one of the shared status replies. */
    static ByteBuf simple(String text) {
        return switch (text) {
            case "OK" -> ok();
            case "PONG" -> pong();
            case "QUEUED" -> queued();
            case "RESET" -> RESET.duplicate();
            default -> null;
        };
    }

    private static ByteBuf fixed(String reply) {
        byte[] bytes = reply.getBytes(StandardCharsets.US_ASCII);
        ByteBuf buf = UNTRACKED.directBuffer(bytes.length, bytes.length).writeBytes(bytes);
        return Unpooled.unreleasableBuffer(buf.asReadOnly());
    }
}
