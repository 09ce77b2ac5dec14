package io.dynoj.redis.engine;

import java.nio.ByteBuffer;

/**
 * A key's value as stored: {@code [type code][expire-at ms, 8 bytes, 0 = never][payload]}. The
 * payload of a string is its bytes; of a collection, its {@link Codec} encoding. Every Redis key
 * is one store entry, so a command reads and writes one entry per key (collections are rewritten
 * whole on change: fine up to tens of thousands of elements).
 */
public record StoredValue(ValueType type, long expireAt, byte[] payload) {

    static final int HEADER = 9;

    public byte[] encode() {
        return ByteBuffer.allocate(HEADER + payload.length)
                .put(type.code()).putLong(expireAt).put(payload).array();
    }

    public static StoredValue decode(byte[] stored) {
        ByteBuffer buf = ByteBuffer.wrap(stored);
        ValueType type = ValueType.of(buf.get());
        long expireAt = buf.getLong();
        byte[] payload = new byte[stored.length - HEADER];
        buf.get(payload);
        return new StoredValue(type, expireAt, payload);
    }

    /** The expiry time of an encoded value without decoding the rest. */
    static long expireAtOf(byte[] stored) {
        return stored.length < HEADER ? 0 : ByteBuffer.wrap(stored, 1, 8).getLong();
    }

    public boolean expiredAt(long nowMillis) {
        return expireAt != 0 && expireAt <= nowMillis;
    }

    public StoredValue withPayload(byte[] newPayload) {
        return new StoredValue(type, expireAt, newPayload);
    }

    public StoredValue withExpireAt(long newExpireAt) {
        return new StoredValue(type, newExpireAt, payload);
    }
}
