package io.dynoj.memcached.engine;

import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.storage.EngineSettings;
import io.dynoj.core.storage.MemoryStore;
import io.dynoj.core.storage.OrderedStore;
import io.dynoj.memcached.protocol.MemcachedProtocolAdapter;
import io.dynoj.memcached.protocol.MemcachedRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends memcached input through the real decoder and the {@link MemcachedEngine} over a store, the way
 * a node does: refused input and local commands answered by the protocol adapter, noreply answers
 * dropped. Gives back everything a client would read, as text. The clock is settable.
 */
final class EngineHarness implements AutoCloseable {

    static final long START = 1_700_000_000_000L;

    private final MemcachedProtocolAdapter adapter = new MemcachedProtocolAdapter();
    private final AtomicLong clock;
    private final OrderedStore store;
    private final MemcachedEngine engine;
    private final EmbeddedChannel channel;

    EngineHarness() {
        this(new MemoryStore(), new AtomicLong(START), NodeConfig.builder().allowFlushAll(true).build());
    }

    EngineHarness(OrderedStore store, AtomicLong clock, NodeConfig config) {
        this(store, clock, config, EngineSettings.DEFAULT_TOMBSTONE_GRACE_MILLIS);
    }

    /** An engine over a memory store that keeps tombstones {@code tombstoneGraceMillis}. */
    EngineHarness(long tombstoneGraceMillis) {
        this(new MemoryStore(), new AtomicLong(START), NodeConfig.builder().allowFlushAll(true).build(),
                tombstoneGraceMillis);
    }

    EngineHarness(OrderedStore store, AtomicLong clock, NodeConfig config, long tombstoneGraceMillis) {
        this.store = store;
        this.clock = clock;
        ProtocolLimits limits = new ProtocolLimits(config.maxRequestBytes(), 64 * 1024, 100_000,
                config.allowFlushAll());
        this.engine = new MemcachedEngine(store, new EngineSettings("memory", limits, tombstoneGraceMillis),
                clock::get);
        this.channel = new EmbeddedChannel(adapter.newDecoder(limits));
    }

    MemcachedEngine engine() {
        return engine;
    }

    OrderedStore store() {
        return store;
    }

    void advance(long millis) {
        clock.addAndGet(millis);
    }

    long now() {
        return clock.get();
    }

    /** Everything a client reads after sending {@code input} (CRLFs written as they are). */
    String run(String input) {
        return runAt(0, false, input);
    }

    /**
     * As {@link #run}, each request carrying the write time {@code writeTime} (0: none), guarded or not, as a
     * replica's copy of its primary's write, a replayed hint or a key copy does.
     */
    String runAt(long writeTime, boolean guarded, String input) {
        channel.writeInbound(Unpooled.copiedBuffer(input, StandardCharsets.ISO_8859_1));
        StringBuilder out = new StringBuilder();
        MemcachedRequest r;
        while ((r = channel.readInbound()) != null) {
            r.writeTime(writeTime, guarded);
            try {
                LocalAnswer local = adapter.answerLocally(r, ClientSession.detached(ByteBufAllocator.DEFAULT));
                ByteBuf reply = local != null ? local.reply() : engine.execute(r, ByteBufAllocator.DEFAULT);
                try {
                    if (local != null || r.expectsReply()) {
                        out.append(reply.toString(StandardCharsets.ISO_8859_1));
                    }
                } finally {
                    reply.release();
                }
            } finally {
                r.release();
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
        engine.close();
        store.close();
    }
}
