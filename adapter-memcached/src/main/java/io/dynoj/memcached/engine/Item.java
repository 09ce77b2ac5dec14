package io.dynoj.memcached.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * One memcached item as stored: {@code [flags 4][expire-at ms 8][cas 8][state 1][data]}, big-endian.
 * Expire-at is milliseconds since the epoch, 0 for never. State holds the two lease bits of the
 * meta protocol ({@link #TOKEN_SENT}, {@link #STALE}); memcached keeps them in the item too.
 *
 * <p>An item wraps its encoded bytes, so a read copies the value once, into the reply. Immutable:
 * the {@code with...} methods return a new item.
 */
final class Item {

    static final int HEADER = 21;
    /** A client won the right to recache this item (mg N, R, or a stale item's first fetch: W/Z). */
    static final int TOKEN_SENT = 1;
    /** Invalidated by ms/md with I: still served, marked X. */
    static final int STALE = 2;

    private static final int EXPIRE_AT = 4;
    private static final int CAS = 12;
    private static final int STATE = 20;

    private final byte[] raw;

    private Item(byte[] raw) {
        this.raw = raw;
    }

    static Item decode(byte[] raw) {
        if (raw.length < HEADER) {
            throw new IllegalStateException("not a memcached item: " + raw.length + " bytes");
        }
        return new Item(raw);
    }

    /** A new item holding {@code data}'s readable bytes (not consumed). */
    static Item of(int flags, long expireAt, long cas, int state, ByteBuf data) {
        byte[] raw = header(flags, expireAt, cas, state, data.readableBytes());
        data.getBytes(data.readerIndex(), raw, HEADER, data.readableBytes());
        return new Item(raw);
    }

    static Item of(int flags, long expireAt, long cas, int state, byte[] data) {
        byte[] raw = header(flags, expireAt, cas, state, data.length);
        System.arraycopy(data, 0, raw, HEADER, data.length);
        return new Item(raw);
    }

    /** {@code first} then {@code second}: the data of an append or prepend. */
    static Item concat(int flags, long expireAt, long cas, Item first, ByteBuf second) {
        int firstLength = first.dataLength();
        byte[] raw = header(flags, expireAt, cas, 0, firstLength + second.readableBytes());
        System.arraycopy(first.raw, HEADER, raw, HEADER, firstLength);
        second.getBytes(second.readerIndex(), raw, HEADER + firstLength, second.readableBytes());
        return new Item(raw);
    }

    /** {@code first} then {@code second}'s data. */
    static Item concat(int flags, long expireAt, long cas, ByteBuf first, Item second) {
        int firstLength = first.readableBytes();
        byte[] raw = header(flags, expireAt, cas, 0, firstLength + second.dataLength());
        first.getBytes(first.readerIndex(), raw, HEADER, firstLength);
        System.arraycopy(second.raw, HEADER, raw, HEADER + firstLength, second.dataLength());
        return new Item(raw);
    }

    private static byte[] header(int flags, long expireAt, long cas, int state, int dataLength) {
        byte[] raw = new byte[HEADER + dataLength];
        putInt(raw, 0, flags);
        putLong(raw, EXPIRE_AT, expireAt);
        putLong(raw, CAS, cas);
        raw[STATE] = (byte) state;
        return raw;
    }

    byte[] encoded() {
        return raw;
    }

    /** The client's 32-bit flags (print with {@link Integer#toUnsignedString}). */
    int flags() {
        return (raw[0] & 0xff) << 24 | (raw[1] & 0xff) << 16 | (raw[2] & 0xff) << 8 | raw[3] & 0xff;
    }

    long expireAt() {
        return expireAtOf(raw);
    }

    long cas() {
        return casOf(raw);
    }

    int state() {
        return raw[STATE];
    }

    int dataLength() {
        return raw.length - HEADER;
    }

    /** The data as a read-only view (not a copy). */
    ByteBuf dataView() {
        return Unpooled.wrappedBuffer(raw, HEADER, raw.length - HEADER).asReadOnly();
    }

    void writeData(ByteBuf out) {
        out.writeBytes(raw, HEADER, raw.length - HEADER);
    }

    boolean expiredAt(long nowMillis) {
        long at = expireAt();
        return at != 0 && at <= nowMillis;
    }

    Item withExpireAt(long expireAt) {
        byte[] copy = raw.clone();
        putLong(copy, EXPIRE_AT, expireAt);
        return new Item(copy);
    }

    Item with(long expireAt, long cas, int state) {
        byte[] copy = raw.clone();
        putLong(copy, EXPIRE_AT, expireAt);
        putLong(copy, CAS, cas);
        copy[STATE] = (byte) state;
        return new Item(copy);
    }

    /** The expiry of an encoded item without decoding the rest (expiry sweeps). */
    static long expireAtOf(byte[] raw) {
        return raw.length < HEADER ? 0 : getLong(raw, EXPIRE_AT);
    }

    static long casOf(byte[] raw) {
        return raw.length < HEADER ? 0 : getLong(raw, CAS);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[at + i] & 0xff);
        }
        return v;
    }
}
