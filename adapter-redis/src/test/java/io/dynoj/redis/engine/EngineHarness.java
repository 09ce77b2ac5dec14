package io.dynoj.redis.engine;

import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.storage.EngineSettings;
import io.dynoj.core.storage.MemoryStore;
import io.dynoj.core.storage.OrderedStore;
import io.dynoj.redis.protocol.RedisProtocolAdapter;
import io.dynoj.redis.protocol.RedisRequest;
import io.dynoj.redis.protocol.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs Redis commands through the real decoder and the {@link RedisEngine} over a store, and gives
 * back the raw RESP reply as text ({@code "+OK\r\n"}). The clock is settable for expiry tests.
 */
final class EngineHarness implements AutoCloseable {

    private final RedisProtocolAdapter adapter = new RedisProtocolAdapter();
    private final AtomicLong clock;
    private final OrderedStore store;
    private final RedisEngine engine;

    EngineHarness() {
        this(new MemoryStore());
    }

    EngineHarness(OrderedStore store) {
        this.clock = new AtomicLong(1_700_000_000_000L);
        this.store = store;
        this.engine = new RedisEngine(store, new EngineSettings("leveldb", ProtocolLimits.DEFAULTS), clock::get);
    }

    /** An engine over a memory store whose clock starts at the wall clock's time, with {@code tombstoneGraceMillis}. */
    EngineHarness(long tombstoneGraceMillis) {
        this.clock = new AtomicLong(System.currentTimeMillis());
        this.store = new MemoryStore();
        this.engine = new RedisEngine(store, new EngineSettings("leveldb", ProtocolLimits.DEFAULTS,
                tombstoneGraceMillis), clock::get);
    }

    OrderedStore store() {
        return store;
    }

    RedisEngine engine() {
        return engine;
    }

    /** Moves the engine's clock forward. */
    void advance(long millis) {
        clock.addAndGet(millis);
    }

    long now() {
        return clock.get();
    }

    /** The reply to one command, e.g. {@code run("SET", "k", "v")} gives {@code "+OK\r\n"}. */
    String run(String... args) {
        List<byte[]> parts = new ArrayList<>();
        for (String a : args) {
            parts.add(a.getBytes(StandardCharsets.UTF_8));
        }
        return run(parts);
    }

    String run(List<byte[]> args) {
        return new String(runBytes(args), StandardCharsets.UTF_8);
    }

    /** The reply to one command carrying the write time {@code writeTime} (as its primary chose it), guarded or not. */
    String runAt(long writeTime, boolean guarded, String... args) {
        List<byte[]> parts = new ArrayList<>();
        for (String a : args) {
            parts.add(a.getBytes(StandardCharsets.UTF_8));
        }
        return new String(runBytes(parts, writeTime, guarded), StandardCharsets.UTF_8);
    }

    /** The reply's bytes, for binary replies (DUMP). */
    byte[] runBytes(List<byte[]> args) {
        return runBytes(args, 0, false);
    }

    private byte[] runBytes(List<byte[]> args, long writeTime, boolean guarded) {
        ByteBuf frame = RespWriter.command(UnpooledByteBufAllocator.DEFAULT, args);
        RedisRequest request = (RedisRequest) adapter.decodeFrame(frame);
        request.writeTime(writeTime, guarded);
        try {
            if (request.refusal() != null) {
                return ("-ERR " + request.refusal() + "\r\n").getBytes(StandardCharsets.UTF_8);
            }
            ByteBuf reply = engine.execute(request, ByteBufAllocator.DEFAULT);
            try {
                return io.netty.buffer.ByteBufUtil.getBytes(reply);
            } finally {
                reply.release();
            }
        } finally {
            request.release();
        }
    }

    @Override
    public void close() {
        engine.close();
        store.close();
    }
}
