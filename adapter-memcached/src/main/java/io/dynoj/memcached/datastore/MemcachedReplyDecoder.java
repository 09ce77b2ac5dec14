package io.dynoj.memcached.datastore;

import io.dynoj.core.net.FrameCumulator;
import io.dynoj.memcached.protocol.ReplyShape;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits a memcached server's byte stream into whole replies, each a retained slice of what arrived:
 * replies go to clients byte for byte. Where a reply ends depends on the request it answers, so the
 * decoder frames the next reply with the {@link ReplyShape} of the oldest request still waiting
 * ({@link ExpectedReplies}):
 * <ul>
 *   <li>{@link ReplyShape#LINE}: one line;</li>
 *   <li>{@link ReplyShape#VALUES_THEN_END}: {@code VALUE <key> <flags> <bytes> [<cas>]} lines, each
 *       followed by {@code <bytes>} of data and CRLF, then {@code END};</li>
 *   <li>{@link ReplyShape#STATS_THEN_END}: {@code STAT} lines, then {@code END};</li>
 *   <li>{@link ReplyShape#META_VALUE_OR_LINE}: {@code VA <size> <flags>*} then {@code <size>} bytes
 *       and CRLF, or one line.</li>
 * </ul>
 * Any request may instead be answered by one {@code ERROR}, {@code CLIENT_ERROR ...} or
 * {@code SERVER_ERROR ...} line (which also ends a multi-line reply that it interrupts).
 *
 * <p>A quiet meta request is sent followed by {@code mn}: its reply is followed by {@code MN\r\n}, which
 * is dropped, and {@code MN\r\n} alone (the server suppressed the answer) becomes an empty buffer.
 *
 * <p>A stream that fits no expected reply (bytes nobody asked for, a line no memcached sends, a data
 * block not followed by CRLF, a line longer than {@link #MAX_LINE}) is a {@link DecoderException}: nothing
 * after it can be trusted, so the connection is closed and reopened. Its cumulation grows geometrically
 * ({@link FrameCumulator}), so a large value costs a few copies of itself. Stateful: one per channel.
 */
final class MemcachedReplyDecoder extends ByteToMessageDecoder {

    /** Longest reply line accepted (a VALUE line with a 250-byte key is about 300 bytes). */
    static final int MAX_LINE = 16 * 1024;
    /** Largest data block accepted: memcached's own item size limit ({@code -I}) is at most 1 GB. */
    static final long MAX_DATA = 1L << 30;

    private static final byte[] END = bytes("END");
    private static final byte[] MN = bytes("MN");
    private static final byte[] VALUE = bytes("VALUE ");
    private static final byte[] STAT = bytes("STAT ");
    private static final byte[] VA = bytes("VA ");
    private static final byte[] ERROR = bytes("ERROR");
    private static final byte[] CLIENT_ERROR = bytes("CLIENT_ERROR");
    private static final byte[] SERVER_ERROR = bytes("SERVER_ERROR");
    private static final int NOOP_LENGTH = 4;

    private final ExpectedReplies expected;
    /** Bytes of the current reply already checked (whole VALUE/STAT items), relative to the reader index. */
    private int scan;
    /** Length of the current reply once complete; for a quiet request its {@code MN} may still be missing. */
    private int replyLength = -1;

    MemcachedReplyDecoder(ExpectedReplies expected) {
        this.expected = expected;
        setCumulator(new FrameCumulator());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            // Replies already framed in this call have not reached the connection yet: skip their requests.
            int index = out.size();
            ReplyShape shape = expected.shape(index);
            if (shape == null) {
                if (!ctx.channel().isActive()) {
                    // What was left of a connection that was given up (timeout): nobody waits for it.
                    in.skipBytes(in.readableBytes());
                    return;
                }
                throw garbage(in, "a reply nobody asked for");
            }
            boolean quiet = expected.quiet(index);
            if (replyLength < 0) {
                int length = scanReply(in, shape, quiet);
                if (length < 0) {
                    return;
                }
                replyLength = length;
            }
            if (quiet) {
                int noop = in.readerIndex() + replyLength;
                if (in.writerIndex() - noop < NOOP_LENGTH) {
                    return;
                }
                if (!lineIs(in, noop, noop + 2, MN) || in.getByte(noop + 2) != '\r' || in.getByte(noop + 3) != '\n') {
                    throw garbage(in, "no MN after the reply to a quiet request");
                }
                out.add(replyLength == 0 ? Unpooled.EMPTY_BUFFER : in.retainedSlice(in.readerIndex(), replyLength));
                in.skipBytes(replyLength + NOOP_LENGTH);
            } else {
                out.add(in.readRetainedSlice(replyLength));
            }
            scan = 0;
            replyLength = -1;
        }
    }

    /**
     * Advances over the current reply; its length when complete, {@code 0} for a quiet request the
     * server did not answer, {@code -1} if more bytes are needed.
     */
    private int scanReply(ByteBuf in, ReplyShape shape, boolean quiet) {
        int base = in.readerIndex();
        int limit = in.writerIndex();
        while (true) {
            int start = base + scan;
            int cr = lineEnd(in, start, limit);
            if (cr < 0) {
                return -1;
            }
            int next = cr + 2;
            byte first = in.getByte(start);
            if (!(first >= 'A' && first <= 'Z' || first >= '0' && first <= '9')) {
                throw garbage(in, "a line no memcached reply starts with");
            }
            if (scan == 0 && quiet && lineIs(in, start, cr, MN)) {
                return 0;
            }
            if (isError(in, start, cr)) {
                return next - base;
            }
            switch (shape) {
                case LINE -> {
                    rejectMultiLine(in, start, cr);
                    return next - base;
                }
                case META_VALUE_OR_LINE -> {
                    if (!startsWith(in, start, cr, VA)) {
                        rejectMultiLine(in, start, cr);
                        return next - base;
                    }
                    long size = number(in, start + VA.length, tokenEnd(in, start + VA.length, cr));
                    long end = dataEnd(in, next, size, limit);
                    return end < 0 ? -1 : (int) (end - base);
                }
                case VALUES_THEN_END -> {
                    if (lineIs(in, start, cr, END)) {
                        return next - base;
                    }
                    if (!startsWith(in, start, cr, VALUE)) {
                        throw garbage(in, "neither VALUE nor END in a get reply");
                    }
                    long end = dataEnd(in, next, valueBytes(in, start + VALUE.length, cr), limit);
                    if (end < 0) {
                        return -1;
                    }
                    scan = (int) (end - base);
                }
                case STATS_THEN_END -> {
                    if (lineIs(in, start, cr, END)) {
                        return next - base;
                    }
                    if (!startsWith(in, start, cr, STAT)) {
                        throw garbage(in, "neither STAT nor END in a stats reply");
                    }
                    scan = next - base;
                }
                default -> throw new IllegalStateException("unknown reply shape " + shape);
            }
        }
    }

    /** The index of the CR of the line starting at {@code start}, or {@code -1} if it is not complete. */
    private int lineEnd(ByteBuf in, int start, int limit) {
        int searchEnd = (int) Math.min(limit, (long) start + MAX_LINE + 2);
        int lf = in.indexOf(start, searchEnd, (byte) '\n');
        if (lf < 0) {
            if (searchEnd - start >= MAX_LINE + 2) {
                throw garbage(in, "a reply line longer than " + MAX_LINE + " bytes");
            }
            return -1;
        }
        if (lf - start < 2 || in.getByte(lf - 1) != '\r') {
            throw garbage(in, "an empty line or one not ended by CRLF");
        }
        return lf - 1;
    }

    /** Where the data block of {@code size} bytes starting at {@code from} ends (after its CRLF), or -1 if incomplete. */
    private long dataEnd(ByteBuf in, int from, long size, int limit) {
        if (size > MAX_DATA) {
            throw garbage(in, "a data block of " + size + " bytes");
        }
        long end = from + size + 2;
        if (end > limit) {
            return -1;
        }
        if (in.getByte((int) end - 2) != '\r' || in.getByte((int) end - 1) != '\n') {
            throw garbage(in, "a data block not followed by CRLF");
        }
        return end;
    }

    /** {@code <bytes>} of {@code VALUE <key> <flags> <bytes> [<cas>]}; {@code from} is just after "VALUE ". */
    private long valueBytes(ByteBuf in, int from, int cr) {
        int keyEnd = tokenEnd(in, from, cr);
        if (keyEnd == from || keyEnd >= cr) {
            throw garbage(in, "a VALUE line without flags");
        }
        int flagsEnd = tokenEnd(in, keyEnd + 1, cr);
        number(in, keyEnd + 1, flagsEnd);
        if (flagsEnd >= cr) {
            throw garbage(in, "a VALUE line without a length");
        }
        int bytesEnd = tokenEnd(in, flagsEnd + 1, cr);
        long bytes = number(in, flagsEnd + 1, bytesEnd);
        if (bytesEnd < cr) {
            int casEnd = tokenEnd(in, bytesEnd + 1, cr);
            number(in, bytesEnd + 1, casEnd);
            if (casEnd != cr) {
                throw garbage(in, "a VALUE line with too many fields");
            }
        }
        return bytes;
    }

    private static int tokenEnd(ByteBuf in, int from, int cr) {
        int space = in.indexOf(from, cr, (byte) ' ');
        return space < 0 ? cr : space;
    }

    private long number(ByteBuf in, int from, int to) {
        if (from >= to || to - from > 20) {
            throw garbage(in, "a malformed number");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            byte b = in.getByte(i);
            if (b < '0' || b > '9') {
                throw garbage(in, "a malformed number");
            }
            value = value * 10 + (b - '0');
            if (value < 0) {
                throw garbage(in, "a number out of range");
            }
        }
        return value;
    }

    /** A line only a multi-line reply has (VALUE, STAT, END, VA) where one line is expected: pairing is lost. */
    private void rejectMultiLine(ByteBuf in, int start, int cr) {
        if (startsWith(in, start, cr, VALUE) || startsWith(in, start, cr, STAT) || startsWith(in, start, cr, VA)
                || lineIs(in, start, cr, END)) {
            throw garbage(in, "a multi-line reply where one line was expected");
        }
    }

    private static boolean isError(ByteBuf in, int start, int cr) {
        return isWord(in, start, cr, ERROR) || isWord(in, start, cr, CLIENT_ERROR) || isWord(in, start, cr, SERVER_ERROR);
    }

    /** The line is {@code word}, or starts with {@code word} and a space. */
    private static boolean isWord(ByteBuf in, int start, int cr, byte[] word) {
        return lineIs(in, start, cr, word)
                || startsWith(in, start, cr, word) && cr > start + word.length && in.getByte(start + word.length) == ' ';
    }

    private static boolean lineIs(ByteBuf in, int start, int cr, byte[] text) {
        return cr - start == text.length && startsWith(in, start, cr, text);
    }

    private static boolean startsWith(ByteBuf in, int start, int cr, byte[] prefix) {
        if (cr - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (in.getByte(start + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Drops everything buffered (nothing after bad bytes can be trusted) and says what was wrong. */
    private DecoderException garbage(ByteBuf in, String what) {
        in.skipBytes(in.readableBytes());
        scan = 0;
        replyLength = -1;
        return new DecoderException("memcached sent " + what);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
