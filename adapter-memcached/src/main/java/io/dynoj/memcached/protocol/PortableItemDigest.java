package io.dynoj.memcached.protocol;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The digest of a memcached item that range repair compares replicas by ({@code RangeStore.KeyDigest.digest}),
 * the same whichever datastore holds the item (the embedded engine or a memcached server), so that the racks of
 * one cluster can mix them. Thread-safe (one MD5 per thread).
 *
 * <p>Definition: the first 8 bytes, read big-endian, of the MD5 of
 * <pre>
 *   expireAt  8 bytes, big-endian signed   (absolute expiry in Unix milliseconds, 0 for none)
 *   flags     4 bytes, big-endian unsigned (memcached's 32-bit client flags)
 *   data      the item's bytes, as many as there are
 * </pre>
 * that is, the MD5 of {@code expireAt} followed by the item's {@link PortableItem} form. The cas value is not
 * part of it (every replica mints its own), nor is any write time. A memcached server keeps expiries in whole
 * seconds, so its items' {@code expireAt} are multiples of 1000: a store that keeps milliseconds agrees with it
 * only for items whose expiry it holds in whole seconds.
 */
public final class PortableItemDigest {

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    });

    private PortableItemDigest() {
    }

    /** The digest of the item of {@code flags} holding {@code data}, expiring at {@code expireAt} (ms, 0 none). */
    public static long of(long flags, byte[] data, long expireAt) {
        MessageDigest md = MD5.get();
        md.reset();
        md.update(ByteBuffer.allocate(12).putLong(expireAt).putInt((int) flags).array());
        md.update(data);
        return ByteBuffer.wrap(md.digest()).getLong();
    }
}
