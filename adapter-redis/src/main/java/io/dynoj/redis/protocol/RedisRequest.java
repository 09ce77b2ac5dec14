package io.dynoj.redis.protocol;

import io.dynoj.core.spi.FrameRequest;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A Redis command as the client sent it: the original multibulk frame plus where its keys are.
 * Arguments are located by {@code (offset, length)} pairs relative to the frame; nothing is copied.
 * Its reference count is the frame's, so writing the frame to a channel (which releases it) hands
 * the whole request over.
 */
public final class RedisRequest extends FrameRequest {

    private final CommandSpec spec;
    private final int argc;
    private final int[] args;
    /** A refusal Redis gives before authentication: unknown command, wrong arity (protocol errors too). */
    private final boolean invalid;
    /** The commands of a transaction unit ({@link TransactionUnit}); null for one command. */
    private final TransactionUnit.Parts parts;
    /** A read of watched keys: served by the keys' primary, which the watch's EXEC runs on. */
    private boolean atPrimary;
    /** A one-line reply the node answers with ({@code +QUEUED}, {@code -EXECABORT ...}); null for a command. */
    private final String line;

    private RedisRequest(ByteBuf frame, CommandSpec spec, int argc, int[] keys, int[] args, String error,
                         boolean closeAfter) {
        this(frame, spec, argc, keys, args, error, closeAfter, null, null, false);
    }

    private RedisRequest(ByteBuf frame, CommandSpec spec, int argc, int[] keys, int[] args, String error,
                         boolean closeAfter, TransactionUnit.Parts parts, String line, boolean invalid) {
        super(frame, keys, error, closeAfter);
        this.spec = spec;
        this.argc = argc;
        this.args = args;
        this.invalid = invalid;
        this.parts = parts;
        this.line = line;
    }

    /** A transaction unit: one request over several commands ({@link TransactionUnit}). */
    static RedisRequest unit(ByteBuf frame, CommandSpec spec, int[] keys, int[] args, TransactionUnit.Parts parts) {
        return new RedisRequest(frame, spec, args.length / 2, keys, args, null, false, parts, null, false);
    }

    /**
     * A request the node answers with one reply line, marker included: {@code +QUEUED} (a queued command),
     * {@code -EXECABORT ...} (an error of its own code).
     */
    static RedisRequest answered(String line) {
        return new RedisRequest(Unpooled.EMPTY_BUFFER, null, 0, NO_KEYS, NO_KEYS, null, false, null, line, false);
    }

    /** The commands of a transaction unit, or null when this is one command. */
    public TransactionUnit.Parts parts() {
        return parts;
    }

    /** Marks this read to be served by its keys' primary ({@link TransactionHandler}: a read of watched keys). */
    void readAtPrimary() {
        atPrimary = true;
    }

    /** Whether this read must be served by its keys' primary. */
    boolean readsAtPrimary() {
        return atPrimary;
    }

    /** The reply line the node answers with, or null. */
    String line() {
        return line;
    }

    /** A command to run; {@code args} (all arguments) is kept only for commands the node answers. */
    static RedisRequest command(ByteBuf frame, CommandSpec spec, int argc, int[] keys, int[] args) {
        return new RedisRequest(frame, spec, argc, keys, args, null, false);
    }

    /** A request the node refuses with {@code message}; {@code closeAfter} for protocol errors. */
    static RedisRequest failed(String message, boolean closeAfter) {
        return new RedisRequest(Unpooled.EMPTY_BUFFER, null, 0, NO_KEYS, NO_KEYS, message, closeAfter);
    }

    /** A request that is not a valid command (unknown, wrong arity): Redis refuses it before authentication. */
    static RedisRequest invalid(String message) {
        return new RedisRequest(Unpooled.EMPTY_BUFFER, null, 0, NO_KEYS, NO_KEYS, message, false, null, null, true);
    }

    /**
     * Whether the refusal comes before authentication, as in Redis (unknown command, wrong arity, protocol
     * error); other refusals (a command Dynoj does not support, FLUSHALL disabled) are answered only to
     * authenticated clients.
     */
    public boolean refusedBeforeAuth() {
        return invalid || (refusal() != null && closeAfter());
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

    /** A request the node builds itself (an effect, a check it sends a datastore) from its arguments. */
    public static RedisRequest of(List<byte[]> args, ByteBufAllocator alloc) {
        return RespRequestDecoder.decodeComplete(RespWriter.command(alloc, args));
    }

    /** Number of arguments, the command name included. */
    public int argc() {
        return argc;
    }

    /** Whether {@link #arg} can be read: the arguments are kept for the commands the node reads (answers itself...). */
    public boolean hasArgs() {
        return args != null;
    }

    /** Argument {@code index} (0 is the command name); only for requests the node answers itself. */
    public ByteBuf arg(int index) {
        return frame().slice(frame().readerIndex() + args[2 * index], args[2 * index + 1]);
    }

    /** {@code (offset, length)} of every argument, for requests the node answers itself; not a copy. */
    int[] argPositions() {
        return args;
    }

    public String argString(int index) {
        return arg(index).toString(StandardCharsets.UTF_8);
    }

    @Override
    public Request retainedDuplicate() {
        return withWriteTimeOf(new RedisRequest(frame().retainedDuplicate(), spec, argc, keyPositions(), args,
                refusal(), closeAfter(), parts, line, invalid));
    }

    @Override
    public String toString() {
        return "RedisRequest[" + (refusal() != null ? "error=" + refusal() : command() + " argc=" + argc) + "]";
    }
}
