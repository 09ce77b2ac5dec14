package io.dynoj.redis.protocol;

import io.dynoj.core.spi.FrameRequest;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * A Redis command as the client sent it: the original multibulk frame plus where its keys are.
 * Arguments are located by {@code (offset, length)} pairs relative to the frame; nothing is copied.
 * Its reference count is the frame's, so writing the frame to a channel (which releases it) hands
 * the whole request over.
 */
public final class RedisRequest extends FrameRequest {

    private static final int[] NONE = new int[0];

    private final CommandSpec spec;
    private final int argc;
    private final int[] keys;
    private final int[] args;
    private final String error;
    private final boolean closeAfter;

    private RedisRequest(ByteBuf frame, CommandSpec spec, int argc, int[] keys, int[] args, String error,
                         boolean closeAfter) {
        super(frame);
        this.spec = spec;
        this.argc = argc;
        this.keys = keys;
        this.args = args;
        this.error = error;
        this.closeAfter = closeAfter;
    }

    /** A command to run; {@code args} (all arguments) is kept only for commands the node answers. */
    static RedisRequest command(ByteBuf frame, CommandSpec spec, int argc, int[] keys, int[] args) {
        return new RedisRequest(frame, spec, argc, keys, args, null, false);
    }

    /** A request the node refuses with {@code message}; {@code closeAfter} for protocol errors. */
    static RedisRequest failed(String message, boolean closeAfter) {
        return new RedisRequest(Unpooled.EMPTY_BUFFER, null, 0, NONE, NONE, message, closeAfter);
    }

    @Override
    public String command() {
        return spec == null ? "" : spec.name();
    }

    public CommandSpec spec() {
        return spec;
    }

    @Override
    public RequestKind kind() {
        return spec == null ? RequestKind.LOCAL : spec.kind();
    }

    @Override
    public int keyCount() {
        return keys.length / 2;
    }

    @Override
    public ByteBuf key(int index) {
        return frame().slice(frame().readerIndex() + keys[2 * index], keys[2 * index + 1]);
    }

    /** Where key {@code index} ends, relative to the frame's start. */
    int keyEnd(int index) {
        return keys[2 * index] + keys[2 * index + 1];
    }

    /** Number of arguments, the command name included. */
    public int argc() {
        return argc;
    }

    /** Argument {@code index} (0 is the command name); only for requests the node answers itself. */
    public ByteBuf arg(int index) {
        return frame().slice(frame().readerIndex() + args[2 * index], args[2 * index + 1]);
    }

    public String argString(int index) {
        return arg(index).toString(StandardCharsets.UTF_8);
    }

    /** The error the node answers instead of running the request, or {@code null}. */
    public String error() {
        return error;
    }

    public boolean closeAfter() {
        return closeAfter;
    }

    @Override
    public Request retainedDuplicate() {
        return new RedisRequest(frame().retainedDuplicate(), spec, argc, keys, args, error, closeAfter);
    }

    @Override
    public String toString() {
        return "RedisRequest[" + (error != null ? "error=" + error : command() + " argc=" + argc) + "]";
    }
}
