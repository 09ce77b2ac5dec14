package io.dynoj.memcached.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.storage.EngineSettings;
import io.dynoj.core.storage.MemoryStore;
import io.dynoj.memcached.protocol.MemcachedProtocolAdapter;
import io.dynoj.memcached.protocol.MemcachedRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Commands on one key are atomic: 50 threads incrementing one key end at the exact count. */
class ConcurrencyTest {

    private static final int THREADS = 50;
    private static final int PER_THREAD = 400;

    private final MemcachedProtocolAdapter adapter = new MemcachedProtocolAdapter();

    private String execute(MemcachedEngine engine, String command) {
        MemcachedRequest r = (MemcachedRequest) adapter.decodeFrame(Unpooled.copiedBuffer(command, StandardCharsets.US_ASCII));
        try {
            ByteBuf reply = engine.execute(r, ByteBufAllocator.DEFAULT);
            try {
                return reply.toString(StandardCharsets.US_ASCII);
            } finally {
                reply.release();
            }
        } finally {
            r.release();
        }
    }

    @Test
    void fiftyThreadsIncrementingOneKeyEndAtTheExactCount() throws Exception {
        MemcachedEngine engine = new MemcachedEngine(new MemoryStore(), new EngineSettings("memory", ProtocolLimits.DEFAULTS),
                System::currentTimeMillis);
        assertThat(execute(engine, "set n 0 0 1\r\n0\r\n")).isEqualTo("STORED\r\n");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                boolean meta = t % 2 == 0; // incr and ma share the same lock and the same item
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        String reply = execute(engine, meta ? "ma n\r\n" : "incr n 1\r\n");
                        assertThat(reply).doesNotStartWith("CLIENT_ERROR").doesNotStartWith("NOT_FOUND");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        String value = execute(engine, "get n\r\n");
        assertThat(value).isEqualTo("VALUE n 0 5\r\n" + THREADS * PER_THREAD + "\r\nEND\r\n");
    }

    @Test
    void casUniquesNeverRepeatAcrossThreads() throws Exception {
        MemoryStore store = new MemoryStore();
        CasSequence cas = new CasSequence(store, new byte[] {'e', 'c'}, 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                parts.add(pool.submit(() -> {
                    long[] got = new long[300_000];
                    for (int i = 0; i < got.length; i++) {
                        got[i] = cas.next();
                    }
                    return got;
                }));
            }
            java.util.BitSet seen = new java.util.BitSet();
            for (Future<long[]> part : parts) {
                for (long v : part.get(60, TimeUnit.SECONDS)) {
                    assertThat(seen.get((int) v)).as("cas %d handed out twice", v).isFalse();
                    seen.set((int) v);
                }
            }
            assertThat(seen.cardinality()).isEqualTo(8 * 300_000);
            // A restart starts above everything handed out, even with a clock behind.
            CasSequence restarted = new CasSequence(store, new byte[] {'e', 'c'}, 0);
            assertThat(restarted.next()).isGreaterThan(8 * 300_000L);
        } finally {
            pool.shutdownNow();
        }
    }
}
