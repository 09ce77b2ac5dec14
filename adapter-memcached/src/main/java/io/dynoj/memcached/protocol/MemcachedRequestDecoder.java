package io.dynoj.memcached.protocol;

import io.dynoj.core.net.FrameCumulator;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.memcached.protocol.ParsedLine.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.List;

/**
 * Frames memcached text and meta requests into {@link MemcachedRequest}s without copying: finds each
 * command line, has {@link RequestLineParser} read it, waits for the data block a storage command
 * announces, and hands on a retained slice of the bytes exactly as they arrived (the line and, for
 * storage commands, the data block with its CRLF). A data block split over many reads is not
 * rescanned: the decoder only waits until enough bytes are there.
 *
 * <p>Framing errors are met the way memcached 1.6 meets them, with the same answer and the same
 * effect on what follows ({@link MemcachedRequest#refused}); refused lines are the parser's:
 * <ul>
 *   <li>a data block not followed by CRLF: the {@code <bytes>+2} bytes are consumed and answered
 *       {@code CLIENT_ERROR bad data chunk} (nothing with noreply); what follows is the next command;
 *   <li>a data block longer than {@link ProtocolLimits#maxItemBytes()} (memcached's {@code item_size_max}),
 *       or a request larger than {@link ProtocolLimits#maxRequestBytes()}: {@code SERVER_ERROR object too
 *       large for cache}, and the data block is swallowed as it arrives, never buffered;
 *   <li>more than {@link ProtocolLimits#maxLineBytes()} (memcached's 2048) bytes without a newline: the
 *       connection is closed without a reply, unless the
 *       line is a {@code get}/{@code gets} (after at most 100 spaces), which may be as long as
 *       {@code maxRequestBytes}; past that, {@code SERVER_ERROR out of memory reading request} and close
 *       ({@link LineScanner});
 *   <li>after {@code quit}, or a line memcached hangs up on, nothing more is read.
 * </ul>
 * Stateful: one per connection.
 */
public final class MemcachedRequestDecoder extends ByteToMessageDecoder {

    /** The largest frame a ByteBuf can hold, whatever maxRequestBytes says. */
    private static final long MAX_FRAME = Integer.MAX_VALUE - 16;

    private static final String BAD_CHUNK = "CLIENT_ERROR bad data chunk";
    private static final String TOO_LARGE = "SERVER_ERROR object too large for cache";
    private static final String LINE_TOO_LONG = "SERVER_ERROR out of memory reading request";

    /** Reads whole frames that peers forward or that splits build; one per thread. */
    private static final FastThreadLocal<MemcachedRequestDecoder> FRAME_READER = new FastThreadLocal<>() {
        @Override
        protected MemcachedRequestDecoder initialValue() {
            // The sending node held the request to its own limits, which may be above the defaults.
            return new MemcachedRequestDecoder(new ProtocolLimits(MAX_FRAME, ProtocolLimits.DEFAULTS.maxInlineBytes(),
                    Integer.MAX_VALUE, true, MAX_FRAME, MAX_FRAME, (int) MAX_FRAME));
        }
    };

    private enum State { LINE, DATA, SWALLOW, CLOSED }

    private final long maxFrame;
    private final long maxItem;
    private final LineScanner lines;
    private final RequestLineParser parser;
    private State state = State.LINE;
    /** SWALLOW: bytes still to drop. */
    private long swallow;
    /** DATA: the length of the storage request (line, data block, CRLF) the parser described. */
    private int frameLength;
    private final FrameCumulator cumulator = new FrameCumulator();

    public MemcachedRequestDecoder(ProtocolLimits limits) {
        this.maxFrame = Math.min(limits.maxRequestBytes(), MAX_FRAME);
        this.maxItem = limits.maxItemBytes();
        this.lines = new LineScanner(maxFrame, limits.maxLineBytes());
        this.parser = new RequestLineParser(limits);
        setCumulator(cumulator);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            MemcachedRequest request = next(in);
            if (request == null) {
                break;
            }
            out.add(request);
        }
        // A storage request's data block on its way: its buffer grows to the frame's length, not past it.
        cumulator.expect(state == State.DATA ? frameLength : 0);
        if (state == State.CLOSED) {
            in.skipBytes(in.readableBytes());
        }
    }

    /**
     * One complete request frame (as a peer forwards it, or as a split builds it) as a request; takes
     * ownership of the frame. Anything but exactly one request is a refused request.
     */
    static MemcachedRequest decodeComplete(ByteBuf frame) {
        MemcachedRequestDecoder reader = FRAME_READER.get();
        try {
            MemcachedRequest request = reader.next(frame);
            if (request != null && !frame.isReadable() && reader.state == State.LINE) {
                return request;
            }
            if (request != null) {
                request.release();
            }
            return MemcachedRequest.refused("SERVER_ERROR a Dynoj peer forwarded something that is not one "
                    + "memcached request", false);
        } finally {
            reader.state = State.LINE;
            reader.lines.reset();
            reader.swallow = 0;
            frame.release();
        }
    }

    /** The next request, or null when more input is needed (what could be consumed was). */
    private MemcachedRequest next(ByteBuf in) {
        for (;;) {
            switch (state) {
                case CLOSED -> {
                    in.skipBytes(in.readableBytes());
                    return null;
                }
                case SWALLOW -> {
                    int n = (int) Math.min(swallow, in.readableBytes());
                    in.skipBytes(n);
                    swallow -= n;
                    if (swallow > 0) {
                        return null;
                    }
                    state = State.LINE;
                }
                case DATA -> {
                    return readData(in);
                }
                case LINE -> {
                    if (!in.isReadable()) {
                        return null;
                    }
                    MemcachedRequest request = readLine(in);
                    if (request != null || state != State.DATA) {
                        return request;
                    }
                }
            }
        }
    }

    private MemcachedRequest readLine(ByteBuf in) {
        int newline = lines.find(in);
        switch (newline) {
            case LineScanner.MORE -> {
                return null;
            }
            case LineScanner.TOO_LONG -> {
                return close(ParsedLine.SILENT);
            }
            case LineScanner.GET_TOO_LONG -> {
                return close(LINE_TOO_LONG);
            }
            default -> { }
        }
        int start = in.readerIndex();
        int lineLength = newline + 1 - start;
        int contentEnd = newline > start && in.getByte(newline - 1) == '\r' ? newline - 1 : newline;
        Outcome outcome = parser.parse(in, start, contentEnd);
        ParsedLine line = parser.line();
        switch (outcome) {
            case REQUEST -> {
                if (line.command() == MemcachedCommand.QUIT) {
                    state = State.CLOSED; // memcached reads nothing after quit
                }
                return request(in.readRetainedSlice(lineLength), line);
            }
            case DATA_FOLLOWS -> {
                long total = lineLength + line.dataLength() + 2;
                if (line.dataLength() <= maxItem && total <= maxFrame) {
                    frameLength = (int) total;
                    state = State.DATA;
                    return null;
                }
                in.skipBytes(lineLength);
                return swallow(line.dataLength() + 2, line.noreply() ? ParsedLine.SILENT : TOO_LARGE);
            }
            case REFUSED_WITH_DATA -> {
                in.skipBytes(lineLength);
                return swallow(line.dataLength() + 2, line.answer());
            }
            case CLOSE -> {
                return close(line.answer());
            }
            default -> {
                in.skipBytes(lineLength);
                return MemcachedRequest.refused(line.answer(), false);
            }
        }
    }

    /** DATA: the storage request once its data block is there; the parser still holds its line. */
    private MemcachedRequest readData(ByteBuf in) {
        if (in.readableBytes() < frameLength) {
            return null;
        }
        state = State.LINE;
        ParsedLine line = parser.line();
        int start = in.readerIndex();
        if (in.getByte(start + frameLength - 2) != '\r' || in.getByte(start + frameLength - 1) != '\n') {
            in.skipBytes(frameLength);
            // A meta set (which has no noreply) always hears about it; a classic noreply set does not.
            return MemcachedRequest.refused(line.noreply() ? ParsedLine.SILENT : BAD_CHUNK, false);
        }
        return request(in.readRetainedSlice(frameLength), line);
    }

    private static MemcachedRequest request(ByteBuf frame, ParsedLine line) {
        return MemcachedRequest.of(frame, line.command(), line.kind(), line.keys(), line.noreply(), line.quiet());
    }

    private MemcachedRequest swallow(long bytes, String answer) {
        swallow = bytes;
        state = State.SWALLOW;
        return MemcachedRequest.refused(answer, false);
    }

    private MemcachedRequest close(String answer) {
        state = State.CLOSED;
        return MemcachedRequest.refused(answer, true);
    }
}
