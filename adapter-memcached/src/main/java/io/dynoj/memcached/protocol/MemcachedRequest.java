package io.dynoj.memcached.protocol;

import io.dynoj.core.spi.FrameRequest;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * One memcached request as the client sent it: the original bytes (command line and, for storage
 * commands, the data block) plus where its keys are. Keys are {@code (offset, length)} pairs relative
 * to the frame; nothing is copied. Its reference count is the frame's.
 *
 * <p>A request the node refuses carries the exact line to answer ({@code ERROR},
 * {@code CLIENT_ERROR bad data chunk}...) and whether memcached would close the connection after it.
 */
public final class MemcachedRequest extends FrameRequest {

    private final MemcachedCommand command;
    private final RequestKind kind;
    private final boolean noreply;
    private final boolean quiet;

    private MemcachedRequest(ByteBuf frame, MemcachedCommand command, RequestKind kind, int[] keys, boolean noreply,
                             boolean quiet, String errorLine, boolean closeAfter) {
        super(frame, keys, errorLine, closeAfter);
        this.command = command;
        this.kind = kind;
        this.noreply = noreply;
        this.quiet = quiet;
    }

    /**
     * A request to serve.
     *
     * @param frame the request's bytes (owned by the request)
     * @param kind usually {@code command.kind()}; a meta get whose flags change the item is a write
     * @param keys {@code (offset, length)} of each key, relative to the frame
     * @param noreply the classic {@code noreply} token was given: the client reads no reply
     * @param quiet a meta command with the {@code q} flag: some outcomes are not answered
     */
    public static MemcachedRequest of(ByteBuf frame, MemcachedCommand command, RequestKind kind, int[] keys,
                                      boolean noreply, boolean quiet) {
        return new MemcachedRequest(frame, command, kind, keys, noreply, quiet, null, false);
    }

    /** A request the node answers with {@code errorLine} (without CRLF); {@code closeAfter} as memcached does. */
    public static MemcachedRequest refused(String errorLine, boolean closeAfter) {
        return new MemcachedRequest(Unpooled.EMPTY_BUFFER, null, RequestKind.LOCAL, NO_KEYS, false, false, errorLine,
                closeAfter);
    }

    /** The command, or {@code null} for a refused request. */
    public MemcachedCommand commandType() {
        return command;
    }

    @Override
    public String command() {
        return command == null ? "" : command.wireName();
    }

    @Override
    public RequestKind kind() {
        return kind;
    }

    public String keyString(int index) {
        return key(index).toString(StandardCharsets.UTF_8);
    }

    /**
     * The data block of a storage command ({@code set}..., {@code cas}, {@code ms}) without its CRLF,
     * as a slice of the frame (not retained); empty for other commands.
     */
    public ByteBuf data() {
        ByteBuf frame = frame();
        int start = frame.readerIndex();
        int newline = frame.indexOf(start, frame.writerIndex(), (byte) '\n');
        int dataStart = newline + 1;
        int length = frame.writerIndex() - 2 - dataStart;
        return newline < 0 || length < 0 ? Unpooled.EMPTY_BUFFER : frame.slice(dataStart, length);
    }

    @Override
    public boolean expectsReply() {
        return !noreply;
    }

    /** The classic {@code noreply} token was given. */
    public boolean noreply() {
        return noreply;
    }

    /** A meta command in quiet mode ({@code q} flag). */
    public boolean quiet() {
        return quiet;
    }

    @Override
    public Request retainedDuplicate() {
        return withWriteTimeOf(new MemcachedRequest(frame().retainedDuplicate(), command, kind, keyPositions(),
                noreply, quiet, refusal(), closeAfter()));
    }

    @Override
    public String toString() {
        return "MemcachedRequest[" + (refusal() != null ? refusal() : command() + " keys=" + keyCount()) + "]";
    }
}
