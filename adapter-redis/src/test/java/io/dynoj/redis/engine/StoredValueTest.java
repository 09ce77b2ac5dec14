package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.storage.MemoryStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Both header forms of a stored value: the old one (no write time) still reads; tombstones are told apart. */
class StoredValueTest {

    private static final byte[] PAYLOAD = "hello".getBytes(StandardCharsets.UTF_8);

    @Test
    void theTimedFormRoundTripsWithItsWriteTime() {
        byte[] raw = new StoredValue(ValueType.HASH, 1234, PAYLOAD).encode(987_654_321L);
        assertThat(raw).hasSize(StoredValue.TIMED_HEADER + PAYLOAD.length);
        StoredValue back = StoredValue.decode(raw);
        assertThat(back.type()).isEqualTo(ValueType.HASH);
        assertThat(back.expireAt()).isEqualTo(1234);
        assertThat(back.payload()).isEqualTo(PAYLOAD);
        assertThat(StoredValue.writeTimeOf(raw)).isEqualTo(987_654_321L);
        assertThat(StoredValue.expireAtOf(raw)).isEqualTo(1234);
        assertThat(StoredValue.isTombstone(raw)).isFalse();
    }

    @Test
    void theOldFormStillReadsWithoutAWriteTime() {
        byte[] raw = new StoredValue(ValueType.STRING, 0, PAYLOAD).encode();
        assertThat(raw).hasSize(StoredValue.HEADER + PAYLOAD.length);
        StoredValue back = StoredValue.decode(raw);
        assertThat(back.type()).isEqualTo(ValueType.STRING);
        assertThat(back.payload()).isEqualTo(PAYLOAD);
        assertThat(StoredValue.writeTimeOf(raw)).isZero();
        assertThat(StoredValue.isTombstone(raw)).isFalse();
    }

    @Test
    void aTombstoneIsExpiredToEveryScanAndKeepsItsWriteTime() {
        byte[] raw = StoredValue.tombstone(42);
        assertThat(StoredValue.isTombstone(raw)).isTrue();
        assertThat(StoredValue.writeTimeOf(raw)).isEqualTo(42);
        assertThat(StoredValue.decode(raw).expiredAt(System.currentTimeMillis())).isTrue();
        assertThat(StoredValue.isTombstone(new StoredValue(ValueType.STRING, 1, new byte[0]).encode(42)))
                .as("an empty string is no tombstone").isFalse();
    }

    @Test
    void anEngineReadsAndRewritesAKeyStoredInTheOldForm() {
        MemoryStore store = new MemoryStore();
        store.put(Keyspace.storeKey("k".getBytes(StandardCharsets.UTF_8)),
                new StoredValue(ValueType.STRING, 0, PAYLOAD).encode());
        try (EngineHarness h = new EngineHarness(store)) {
            assertThat(h.run("GET", "k")).isEqualTo("$5\r\nhello\r\n");
            assertThat(h.run("OBJECT", "WRITETIME", "k")).isEqualTo(":0\r\n");
            assertThat(h.run("APPEND", "k", "!")).isEqualTo(":6\r\n");
            assertThat(h.run("OBJECT", "WRITETIME", "k")).isNotEqualTo(":0\r\n");
        }
    }
}
