package io.dynoj.redis.protocol;

import io.dynoj.core.net.FrameCumulator;
import io.dynoj.core.spi.ProtocolLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams RESP requests (multibulk and inline) into {@link RedisRequest}s without copying: it finds
 * frame boundaries, reads the command name and the keys' positions, and hands on a retained slice of
 * the bytes as they arrived. A frame split over many reads is scanned once: the parse position is
 * kept between reads, relative to the frame's start.
 *
 * <p>Errors are answered as Redis answers them: a bad command gets {@code -ERR} and the connection
 * goes on; malformed protocol gets {@code -ERR Protocol error: ...} and the connection is closed
 * after the replies already owed. The limits are Redis's ({@link ProtocolLimits}): a bulk string over
 * {@code proto-max-bulk-len} gets {@code invalid bulk length}, a multibulk count over the argument limit
 * {@code invalid multibulk length}, an inline line over 64 KB {@code too big inline request}; a request
 * over {@code client-query-buffer-limit} closes the connection without a reply. Stateful: one per connection.
 *
 * <p>It frames with its own loop rather than {@link RespScanner}'s: a request is only an array of
 * bulk strings, the limits and Redis's error texts apply while bytes arrive, and the loop allocates
 * nothing. The markers and numbers are {@link RespType}'s and {@link RespScanner#number}'s.
 *
 * <p>Its cumulation is a {@link FrameCumulator} told the length of the frame in progress once a bulk
 * header is read, so a large value costs a few copies of itself, not one per 4 MB received.
 */
public final class RespRequestDecoder extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(RespRequestDecoder.class);

    /** Longest multibulk or bulk header Redis itself accepts before calling the input garbage. */
    private static final int MAX_HEADER = 32;

    /** Static finals, so the JIT folds them into the loop as constants. */
    private static final byte ARRAY = RespType.ARRAY.marker();
    private static final byte BULK = RespType.BULK_STRING.marker();
    private static final int[] NO_ARGS = new int[0];

    /** Reads whole frames that peers forward; one per thread, as a decoder is cheap to reuse, not to make. */
    private static final FastThreadLocal<RespRequestDecoder> FRAME_READER = new FastThreadLocal<>() {
        @Override
        protected RespRequestDecoder initialValue() {
            // The sending node held the request to its own limits, which may be above the defaults.
            long any = Integer.MAX_VALUE;
            return new RespRequestDecoder(CommandTable.standard(), new ProtocolLimits(any, ProtocolLimits.INLINE_MAX_SIZE,
                    Integer.MAX_VALUE, false, any, any, ProtocolLimits.MEMCACHED_LINE_MAX));
        }
    };

    private final CommandTable table;
    private final ProtocolLimits limits;
    private int argc = -1;
    private int argIndex;
    private int scan;
    /** (offset, length) of each argument of the frame in progress: grown to what requests need, empty at first. */
    private int[] args = NO_ARGS;
    private boolean failed;
    private final FrameCumulator cumulator = new FrameCumulator();

    public RespRequestDecoder(CommandTable table, ProtocolLimits limits) {
        this.table = table;
        this.limits = limits;
        setCumulator(cumulator);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        cumulator.expect(0);
        while (!failed && in.isReadable()) {
            int before = in.readableBytes();
            RedisRequest request = in.getByte(in.readerIndex()) == ARRAY || argc >= 0
                    ? decodeMultibulk(in) : decodeInline(ctx, in);
            if (request != null) {
                RedisRequest checked = ScriptGuard.check(request);
                out.add(limits.allowFlushAll() ? checked : MultiKeyCommands.refuseFlush(checked));
            } else if (in.readableBytes() == before) {
                return;
            }
        }
        if (failed) {
            in.skipBytes(in.readableBytes());
        }
    }

    /** A request, or null when the frame is incomplete or was empty ({@code *0}). */
    private RedisRequest decodeMultibulk(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        if (argc < 0) {
            int eol = findEol(in, start + 1, end);
            if (eol < 0) {
                return end - start > MAX_HEADER ? protocolError("invalid multibulk length") : null;
            }
            long count = RespScanner.number(in, start + 1, eol);
            if (count == Long.MIN_VALUE || count > limits.maxArguments()) {
                return protocolError("invalid multibulk length");
            }
            if (count <= 0) {
                in.readerIndex(eol + 2);
                return null;
            }
            argc = (int) count;
            argIndex = 0;
            scan = eol + 2 - start;
        }
        while (argIndex < argc) {
            int header = start + scan;
            if (header >= end) {
                return null;
            }
            if (in.getByte(header) != BULK) {
                return protocolError("expected '" + (char) BULK + "', got '" + (char) in.getByte(header) + "'");
            }
            int eol = findEol(in, header + 1, end);
            if (eol < 0) {
                return end - header > MAX_HEADER ? protocolError("invalid bulk length") : null;
            }
            long length = RespScanner.number(in, header + 1, eol);
            if (length < 0 || length > limits.maxBulkBytes()) {
                return protocolError("invalid bulk length"); // Redis's proto-max-bulk-len
            }
            long argEnd = (long) eol + 2 + length + 2;
            if (argEnd - start > limits.maxRequestBytes()) {
                return queryBufferFull(in, argEnd - start);
            }
            if (argEnd > end) {
                cumulator.expect(argEnd - start);
                return null;
            }
            if (in.getByte((int) argEnd - 2) != '\r' || in.getByte((int) argEnd - 1) != '\n') {
                return protocolError("bulk string of argument " + (argIndex + 1) + " is not followed by CRLF");
            }
            recordArg(argIndex++, eol + 2 - start, (int) length);
            scan = (int) argEnd - start;
        }
        int frameLength = scan;
        int count = argc;
        argc = -1;
        return RequestFactory.create(table, in.readRetainedSlice(frameLength), count, args);
    }

    /**
     * One complete multibulk frame (as a peer forwards it) as a request, or a transaction unit
     * ({@link TransactionUnit}: several frames in one); takes ownership of the frame. Anything else is a
     * refused request.
     */
    static RedisRequest decodeComplete(ByteBuf frame) {
        if (TransactionUnit.isUnit(frame)) {
            return TransactionUnit.decode(frame);
        }
        return TransactionUnit.asWatch(decodeOne(frame));
    }

    /** One complete frame as one command, never a unit; takes ownership of the frame. */
    static RedisRequest decodeOne(ByteBuf frame) {
        RespRequestDecoder reader = FRAME_READER.get();
        try {
            RedisRequest request = frame.isReadable() && frame.getByte(frame.readerIndex()) == ARRAY
                    ? reader.decodeMultibulk(frame) : null;
            if (request != null && !frame.isReadable()) {
                return request;
            }
            if (request != null) {
                request.release();
            }
            return RedisRequest.failed("Protocol error: a peer forwarded something that is not one request", false);
        } finally {
            reader.argc = -1;
            frame.release();
        }
    }

    private RedisRequest decodeInline(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        // In long: start + a limit near Integer.MAX_VALUE would wrap and search backwards, finding nothing.
        int newline = in.indexOf(start, (int) Math.min(in.writerIndex(), (long) start + limits.maxInlineBytes() + 1),
                (byte) '\n');
        if (newline < 0) {
            return in.readableBytes() > limits.maxInlineBytes() ? protocolError("too big inline request") : null;
        }
        List<byte[]> words = InlineSplitter.split(in, start, newline);
        in.readerIndex(newline + 1);
        if (words == null) {
            return protocolError("unbalanced quotes in request");
        }
        if (words.isEmpty()) {
            return null;
        }
        ByteBuf resp = RespWriter.command(ctx.alloc(), words);
        try {
            return decodeMultibulk(resp);
        } finally {
            resp.release();
        }
    }

    private void recordArg(int index, int offset, int length) {
        if (2 * index + 1 >= args.length) {
            args = Arrays.copyOf(args, Math.max(args.length * 2, 2 * index + 2));
        }
        args[2 * index] = offset;
        args[2 * index + 1] = length;
    }

    /**
     * Redis's {@code client-query-buffer-limit}: a request that would not fit closes the connection
     * without a reply (Redis logs it and frees the client). Known from the bulk headers, before the
     * bytes are buffered.
     */
    private RedisRequest queryBufferFull(ByteBuf in, long requestBytes) {
        log.warn("Closing client that reached max query buffer length: a request of at least {} bytes, "
                + "client_query_buffer_limit is {} (first bytes: {})", requestBytes, limits.maxRequestBytes(),
                ByteBufUtil.hexDump(in, in.readerIndex(), Math.min(in.readableBytes(), 32)));
        failed = true;
        argc = -1;
        return RedisRequest.failed("", true);
    }

    private RedisRequest protocolError(String message) {
        failed = true;
        argc = -1;
        return RedisRequest.failed("Protocol error: " + message, true);
    }

    /** Index of the '\r' of the first CRLF at or after {@code from}, or -1 if none is complete. */
    private static int findEol(ByteBuf in, int from, int end) {
        int cr = in.indexOf(from, Math.min(end, from + MAX_HEADER), (byte) '\r');
        if (cr < 0 || cr + 1 >= end) {
            return -1;
        }
        return cr;
    }
}
