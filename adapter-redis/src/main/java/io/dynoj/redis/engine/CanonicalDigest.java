package io.dynoj.redis.engine;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A 64-bit digest of a Redis value and its expiry that does not depend on how it is encoded: a hash's
 * fields and a set's members are hashed sorted, a sorted set's entries by member, so the embedded engine
 * (insertion order) and redis-server (listpack or hashtable, whatever order its DUMP gives) agree on
 * equal values. A list keeps its order; -0 scores count as 0, as Redis stores them. What repair compares
 * replicas by. Thread-safe (one MD5 per thread).
 */
public final class CanonicalDigest {

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    });

    private CanonicalDigest() {
    }

    /** The digest of {@code value}, its expiry included. */
    public static long of(StoredValue value) {
        MessageDigest md = MD5.get();
        md.reset();
        md.update(value.type().code());
        md.update(ByteBuffer.allocate(8).putLong(value.expireAt()).array());
        switch (value.type()) {
            case STRING -> item(md, value.payload());
            case LIST -> Codec.decodeList(value.payload()).forEach(b -> item(md, b));
            case SET -> sorted(new ArrayList<>(Codec.decodeSet(value.payload()))).forEach(b -> item(md, b.bytes()));
            case HASH -> {
                Map<Bytes, byte[]> hash = Codec.decodeHash(value.payload());
                for (Bytes field : sorted(new ArrayList<>(hash.keySet()))) {
                    item(md, field.bytes());
                    item(md, hash.get(field));
                }
            }
            case ZSET -> {
                List<ZSet.Entry> entries = new ArrayList<>(Codec.decodeZSet(value.payload()).ascending());
                entries.sort((a, b) -> a.member().compareTo(b.member()));
                for (ZSet.Entry e : entries) {
                    item(md, e.member().bytes());
                    md.update(ByteBuffer.allocate(8).putLong(Double.doubleToLongBits(e.score() + 0.0)).array());
                }
            }
        }
        return ByteBuffer.wrap(md.digest()).getLong();
    }

    /** The digest of a value kept as raw bytes (a type the engine cannot decode, such as a stream). */
    public static long ofRaw(byte[] payload, long expireAt) {
        MessageDigest md = MD5.get();
        md.reset();
        md.update((byte) 0);
        md.update(ByteBuffer.allocate(8).putLong(expireAt).array());
        item(md, payload);
        return ByteBuffer.wrap(md.digest()).getLong();
    }

    private static List<Bytes> sorted(List<Bytes> items) {
        items.sort(null);
        return items;
    }

    private static void item(MessageDigest md, byte[] b) {
        md.update(ByteBuffer.allocate(4).putInt(b.length).array());
        md.update(b);
    }
}
