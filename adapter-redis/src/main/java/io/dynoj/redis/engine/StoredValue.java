package io.dynoj.redis.engine;

import java.nio.ByteBuffer;

/**
 * A key's value as stored. The payload of a string is its bytes; of a collection, its {@link Codec}
 * encoding. Every Redis key is one store entry, so a command reads and writes one entry per key
 * (collections are rewritten whole on change: fine up to tens of thousands of elements).
 *
 * <p>Two header forms, told apart by the first byte's high bit:
 * <pre>
 *  [type code][expire-at ms, 8 bytes, 0 = never][payload]                         before write times (read only)
 *  [0x80 | type code][expire-at][write time, 8 bytes][payload]                    every value written now
 *  [0x80][expire-at = 1][write time]                                              a tombstone (a deleted key)
 * </pre>
 * The write time is the {@link io.dynoj.core.time.HybridClock} timestamp of the key's last write, the same on
 * every replica (last-write-wins); 0 for a value of the old form. A tombstone is what a delete leaves, so a
 * replica that missed the delete loses to it in repair; its expiry of 1 ms after the epoch makes every scan that
 * skips expired keys skip it too, and it decodes as an expired string. It is removed after the node's
 * {@code tombstone_grace}.
 */
public record StoredValue(ValueType type, long expireAt, byte[] payload) {

    static final int HEADER = 9;
    static final int TIMED_HEADER = 17;
    private static final byte TIMED = (byte) 0x80;
    private static final long TOMBSTONE_EXPIRY = 1;
    private static final byte[] EMPTY = new byte[0];

    /** The old form, without a write time (tests of reading old stores). */
    public byte[] encode() {
        return ByteBuffer.allocate(HEADER + payload.length)
                .put(type.code()).putLong(expireAt).put(payload).array();
    }

    /** The value with {@code writeTime}, the timestamp of the write that stores it. */
    public byte[] encode(long writeTime) {
        return ByteBuffer.allocate(TIMED_HEADER + payload.length)
                .put((byte) (TIMED | type.code())).putLong(expireAt).putLong(writeTime).put(payload).array();
    }

    /**
     * A string value of {@code length} bytes, no expiry, stored by the write of timestamp {@code writeTime}, with its
     * header written and room for the payload from {@link #TIMED_HEADER} on: the caller copies the bytes in once.
     */
    static byte[] stringWithRoom(int length, long writeTime) {
        byte[] stored = new byte[TIMED_HEADER + length];
        ByteBuffer.wrap(stored).put((byte) (TIMED | ValueType.STRING.code())).putLong(0).putLong(writeTime);
        return stored;
    }

    /** A tombstone: {@code key} deleted by the write of timestamp {@code writeTime}. */
    static byte[] tombstone(long writeTime) {
        return ByteBuffer.allocate(TIMED_HEADER).put(TIMED).putLong(TOMBSTONE_EXPIRY).putLong(writeTime).array();
    }

    /**
     * Sets the write time of a value encoded with {@code encode(0)}: a staged write (group commit) gets its
     * timestamp when it is committed, its key locked.
     */
    static void restamp(byte[] stored, long writeTime) {
        ByteBuffer.wrap(stored, HEADER, 8).putLong(writeTime);
    }

    /** The value in {@code stored}, of either form; a tombstone decodes as an expired empty string. */
    public static StoredValue decode(byte[] stored) {
        if (isTombstone(stored)) {
            return new StoredValue(ValueType.STRING, TOMBSTONE_EXPIRY, EMPTY);
        }
        boolean timed = (stored[0] & TIMED) != 0;
        int header = timed ? TIMED_HEADER : HEADER;
        ByteBuffer buf = ByteBuffer.wrap(stored);
        ValueType type = ValueType.of((byte) (buf.get() & ~TIMED));
        long expireAt = buf.getLong();
        byte[] payload = new byte[stored.length - header];
        buf.position(header);
        buf.get(payload);
        return new StoredValue(type, expireAt, payload);
    }

    /** Where the payload of an encoded value starts (the header's length, by its form). */
    static int payloadOffset(byte[] stored) {
        return (stored[0] & TIMED) != 0 ? TIMED_HEADER : HEADER;
    }

    /** The type of an encoded value without decoding the rest. */
    static ValueType typeOf(byte[] stored) {
        return ValueType.of((byte) (stored[0] & ~TIMED));
    }

    /** The expiry time of an encoded value without decoding the rest. */
    static long expireAtOf(byte[] stored) {
        return stored.length < HEADER ? 0 : ByteBuffer.wrap(stored, 1, 8).getLong();
    }

    /** The write time of an encoded value or tombstone; 0 for the old form. */
    static long writeTimeOf(byte[] stored) {
        return stored.length >= TIMED_HEADER && (stored[0] & TIMED) != 0 ? ByteBuffer.wrap(stored, 9, 8).getLong() : 0;
    }

    /** Whether {@code stored} is a tombstone. */
    static boolean isTombstone(byte[] stored) {
        return stored.length == TIMED_HEADER && stored[0] == TIMED;
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
