package io.dynoj.memcached.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A memcached item in the portable form that range streaming carries ({@code RangeStore.Entry.value}):
 * {@code [flags 4, big-endian unsigned][data]}. The expiry travels beside it ({@code Entry.expireAt}, absolute
 * ms) and so does the write time; the cas value never does (every replica mints its own). The same bytes
 * whichever datastore holds the item, the embedded engine or a memcached server, so the racks of one
 * cluster can mix them. Stateless.
 */
public final class PortableItem {

    /** Bytes before the data. */
    public static final int HEADER = 4;

    private PortableItem() {
    }

    /** The portable form of an item of {@code flags} (memcached's 32-bit client flags) holding {@code data}. */
    public static byte[] encode(long flags, byte[] data) {
        byte[] value = new byte[HEADER + data.length];
        ByteBuffer.wrap(value).putInt((int) flags);
        System.arraycopy(data, 0, value, HEADER, data.length);
        return value;
    }

    /** The client flags of {@code value}, unsigned. */
    public static long flags(byte[] value) {
        check(value);
        return ByteBuffer.wrap(value).getInt() & 0xFFFF_FFFFL;
    }

    /** A copy of the data of {@code value}. */
    public static byte[] data(byte[] value) {
        check(value);
        return Arrays.copyOfRange(value, HEADER, value.length);
    }

    private static void check(byte[] value) {
        if (value.length < HEADER) {
            throw new IllegalArgumentException("not a portable memcached item: " + value.length + " bytes");
        }
    }
}
