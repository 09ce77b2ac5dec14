package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.storage.EngineSettings;
import io.dynoj.core.storage.MemoryStore;
import io.dynoj.core.storage.OrderedStore;
import io.dynoj.core.storage.StoreBatch;
import io.dynoj.core.storage.StoreException;
import io.dynoj.core.storage.StoreIterator;
import io.dynoj.core.storage.StoreSnapshot;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's half of group commit: which requests it stages (a plain SET only), that a staged write is
 * invisible until committed and then read back like any SET (store, cache), and that a failed commit leaves
 * nothing behind in the engine's cache.
 */
class StagedSetTest {

    private final RedisProtocolAdapter adapter = new RedisProtocolAdapter();
    private final FailingStore store = new FailingStore();
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final RedisEngine engine = new RedisEngine(store, new EngineSettings("leveldb", ProtocolLimits.DEFAULTS),
            clock::get);
    private final StoreBatch group = new StoreBatch();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aPlainSetIsStagedAndSeenOnlyOnceCommitted() {
        assertThat(stage("SET", "k", "v1")).isEqualTo("+OK\r\n");
        assertThat(run("GET", "k")).as("staged, not written").isEqualTo("$-1\r\n");

        engine.commitStaged(group);

        assertThat(run("GET", "k")).isEqualTo("$2\r\nv1\r\n");
        byte[] stored = engine.keyspace().store().get(Keyspace.storeKey("k".getBytes(StandardCharsets.UTF_8)));
        assertThat(StoredValue.writeTimeOf(stored)).as("stamped when committed").isPositive();
        assertThat(run("TYPE", "k")).isEqualTo("+string\r\n");
        assertThat(run("TTL", "k")).isEqualTo(":-1\r\n");
    }

    @Test
    void aCommittedSetReplacesAValueOfAnyTypeAndItsExpiry() {
        run("RPUSH", "k", "a");
        run("SET", "s", "old", "EX", "100");
        stage("SET", "k", "v");
        stage("SET", "s", "new");
        engine.commitStaged(group);
        assertThat(run("GET", "k")).isEqualTo("$1\r\nv\r\n");
        assertThat(run("GET", "s")).isEqualTo("$3\r\nnew\r\n");
        assertThat(run("TTL", "s")).isEqualTo(":-1\r\n");
    }

    @Test
    void onlyAPlainSetOfASmallValueIsStaged() {
        assertThat(stage("SET", "k", "v", "EX", "10")).isNull();
        assertThat(stage("SET", "k", "v", "NX")).isNull();
        assertThat(stage("GET", "k")).isNull();
        assertThat(stage("SETNX", "k", "v")).isNull();
        assertThat(stage("SET", "k", "x".repeat(PlainCommands.MAX_STAGED_VALUE + 1))).isNull();
        assertThat(group.isEmpty()).isTrue();
        assertThat(stage("SET", "k", "")).isEqualTo("+OK\r\n");
        assertThat(stage("SET", "k", "x".repeat(PlainCommands.MAX_STAGED_VALUE))).isEqualTo("+OK\r\n");
        assertThat(group.size()).isEqualTo(2);
    }

    @Test
    void aFailedCommitLeavesTheOldValueVisible() {
        run("SET", "k", "old");
        assertThat(run("GET", "k")).as("now cached").isEqualTo("$3\r\nold\r\n");
        stage("SET", "k", "new");
        store.failWrites = true;

        assertThatThrownBy(() -> engine.commitStaged(group)).isInstanceOf(StoreException.class);

        store.failWrites = false;
        assertThat(run("GET", "k")).isEqualTo("$3\r\nold\r\n");
    }

    @Test
    void getServesStringsAndLeavesOtherTypesAndExpiredKeysToTheGeneralPath() {
        run("SET", "s", "value");
        run("RPUSH", "l", "a");
        run("SET", "gone", "x", "PX", "100");
        assertThat(run("GET", "gone")).isEqualTo("$1\r\nx\r\n");
        clock.addAndGet(200);
        assertThat(run("GET", "s")).isEqualTo("$5\r\nvalue\r\n");
        assertThat(run("GET", "l")).startsWith("-WRONGTYPE");
        assertThat(run("GET", "gone")).isEqualTo("$-1\r\n");
        assertThat(engine.keyspace().store().get(Keyspace.storeKey("gone".getBytes(StandardCharsets.UTF_8))))
                .as("the expired key was deleted").isNull();
        assertThat(run("GET", "missing")).isEqualTo("$-1\r\n");
        assertThat(run("GET", "s", "extra")).startsWith("-ERR");
    }

    private String stage(String... args) {
        RedisRequest request = decode(args);
        try {
            ByteBuf reply = engine.stage(request, group, ByteBufAllocator.DEFAULT);
            return reply == null ? null : text(reply);
        } finally {
            request.release();
        }
    }

    private String run(String... args) {
        RedisRequest request = decode(args);
        try {
            if (request.refusal() != null) {
                return "-ERR " + request.refusal();
            }
            return text(engine.execute(request, ByteBufAllocator.DEFAULT));
        } finally {
            request.release();
        }
    }

    private RedisRequest decode(String... args) {
        List<byte[]> parts = new ArrayList<>();
        for (String a : args) {
            parts.add(a.getBytes(StandardCharsets.UTF_8));
        }
        return (RedisRequest) adapter.decodeFrame(RespWriter.command(UnpooledByteBufAllocator.DEFAULT, parts));
    }

    private static String text(ByteBuf reply) {
        try {
            return reply.toString(StandardCharsets.UTF_8);
        } finally {
            reply.release();
        }
    }

    /** A memory store whose batch writes fail when told to. */
    private static final class FailingStore implements OrderedStore {
        private final MemoryStore store = new MemoryStore();
        volatile boolean failWrites;

        @Override
        public byte[] get(byte[] key) {
            return store.get(key);
        }

        @Override
        public void put(byte[] key, byte[] value) {
            store.put(key, value);
        }

        @Override
        public void delete(byte[] key) {
            store.delete(key);
        }

        @Override
        public void write(StoreBatch batch) {
            if (failWrites) {
                throw new StoreException("disk full");
            }
            store.write(batch);
        }

        @Override
        public StoreSnapshot snapshot() {
            return store.snapshot();
        }

        @Override
        public StoreIterator scan(StoreSnapshot snapshot, byte[] from, byte[] to) {
            return store.scan(snapshot, from, to);
        }

        @Override
        public String describe() {
            return "failing memory store";
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
