package io.dynoj.memcached.protocol;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 64-bit digest of a memcached item that repair compares replicas by ({@code RangeStore.KeyDigest.digest}):
 * the first 8 bytes, big-endian, of
 * <pre>
 *   MD5( [flags 4, big-endian][data][expiry second 8, big-endian] )
 * </pre>
 * that is the MD5 of the {@link PortableItem} form followed by the expiry. The expiry is counted in whole
 * seconds, rounded up ({@code ceil(expireAt / 1000)}, 0 for never): memcached servers keep whole seconds and tell
 * an item's expiry only in seconds, and the racks of a cluster may mix servers and the embedded engine. The cas
 * and the write time are not part of it: two replicas holding the same item agree whatever their own cas values
 * and timestamps. Thread-safe (one MD5 per thread).
 */
public final class PortableItemDigest {

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    });

    private PortableItemDigest() {
    }

    /** The digest of {@code portable} (a {@link PortableItem} value) expiring at {@code expireAt} (Unix ms; 0 never). */
    public static long of(byte[] portable, long expireAt) {
        if (portable.length < PortableItem.HEADER) {
            throw new IllegalArgumentException("not a portable memcached item: " + portable.length + " bytes");
        }
        MessageDigest md = MD5.get();
        md.reset();
        md.update(portable);
        return finish(md, expireAt);
    }

    /**
     * The digest of the item of {@code flags} whose data is {@code data[offset, offset + length)}: the same as
     * {@link #of(byte[], long)} of its portable form, without building it.
     */
    public static long of(int flags, byte[] data, int offset, int length, long expireAt) {
        MessageDigest md = MD5.get();
        md.reset();
        md.update(ByteBuffer.allocate(PortableItem.HEADER).putInt(flags).array());
        md.update(data, offset, length);
        return finish(md, expireAt);
    }

    /** {@code expireAt} (Unix ms, 0 for never) in the whole seconds the digest counts: rounded up. */
    public static long expirySecond(long expireAt) {
        return expireAt <= 0 ? 0 : (expireAt + 999) / 1000;
    }

    private static long finish(MessageDigest md, long expireAt) {
        md.update(ByteBuffer.allocate(8).putLong(expirySecond(expireAt)).array());
        return ByteBuffer.wrap(md.digest()).getLong();
    }
}
