package io.dynoj.redis.engine;

import io.dynoj.redis.protocol.FixedReplies;
import io.dynoj.redis.protocol.RedisRequest;
import io.dynoj.redis.protocol.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One command being executed: its arguments, the keyspace, and the reply builders. Argument 0 is
 * the command name. Parsing helpers throw {@link RedisError} with Redis's texts.
 */
public final class Call {

    private final byte[][] args;
    private final Keyspace keyspace;
    private final ByteBufAllocator alloc;
    private final EngineState state;
    private final RedisRequest request;

    /** @param request the request being run, whose keys the engine locked */
    Call(byte[][] args, Keyspace keyspace, ByteBufAllocator alloc, EngineState state, RedisRequest request) {
        this.args = args;
        this.keyspace = keyspace;
        this.alloc = alloc;
        this.state = state;
        this.request = request;
    }

    /** The keys the engine locked for this command: the request's keys (SORT's STORE destination among them). */
    List<byte[]> lockedKeys() {
        List<byte[]> keys = new ArrayList<>(request.keyCount());
        for (int i = 0; i < request.keyCount(); i++) {
            keys.add(ByteBufUtil.getBytes(request.key(i)));
        }
        return keys;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    /** What the engine keeps between commands (SCAN cursors, node settings). */
    public EngineState state() {
        return state;
    }

    public long now() {
        return keyspace.now();
    }

    /** Number of arguments, the command name included. */
    public int argc() {
        return args.length;
    }

    public byte[] arg(int i) {
        return args[i];
    }

    public String string(int i) {
        return new String(args[i], StandardCharsets.UTF_8);
    }

    /** Argument {@code i} in lower case, for matching options. */
    public String option(int i) {
        return string(i).toLowerCase(Locale.ROOT);
    }

    public long longArg(int i) {
        return Numbers.parseLong(args[i]);
    }

    public double doubleArg(int i) {
        return Numbers.parseDouble(args[i], RedisError.NOT_FLOAT);
    }

    // Replies. Constant ones are shared read-only buffers (FixedReplies): never write to a reply.

    public ByteBuf ok() {
        return FixedReplies.ok();
    }

    public ByteBuf simple(String text) {
        return RespWriter.simple(alloc, text);
    }

    public ByteBuf integer(long v) {
        return RespWriter.integer(alloc, v);
    }

    public ByteBuf bulk(byte[] v) {
        return v == null ? RespWriter.nullBulk(alloc) : RespWriter.bulk(alloc, Unpooled.wrappedBuffer(v));
    }

    public ByteBuf bulk(String v) {
        return v == null ? RespWriter.nullBulk(alloc) : bulk(v.getBytes(StandardCharsets.UTF_8));
    }

    public ByteBuf nullBulk() {
        return RespWriter.nullBulk(alloc);
    }

    /** {@code *-1}, the null array. */
    public ByteBuf nullArray() {
        return FixedReplies.nullArray();
    }

    /**
     * An array whose items are {@code byte[]} or {@link Bytes} (bulk), {@code null} (null bulk),
     * {@code Long} (integer), {@code String} (bulk) or nested {@code List}s.
     */
    public ByteBuf array(List<?> items) {
        return RespWriter.array(alloc, Bytes.unwrap(items));
    }

    public ByteBuf error(String message) {
        return RespWriter.errorLine(alloc, message);
    }
}
