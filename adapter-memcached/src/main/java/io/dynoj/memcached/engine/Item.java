package io.dynoj.memcached.engine;

import io.dynoj.memcached.protocol.PortableItem;
import io.dynoj.memcached.protocol.PortableItemDigest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * One memcached item as stored, big-endian. Two forms, told apart by the state byte's {@link #TIMED} bit:
 * <pre>
 *  [flags 4][expire-at ms 8][cas 8][state 1][data]                       before write times (read, never written)
 *  [flags 4][expire-at ms 8][cas 8][state 1 | TIMED][write time 8][data]  every item written now
 *  [0 4][0 8][0 8][TIMED | TOMBSTONE][write time 8]                       a tombstone (a deleted key)
 * </pre>
 * Expire-at is milliseconds since the epoch, 0 for never. The low state bits are the two lease bits of the
 * meta protocol ({@link #TOKEN_SENT}, {@link #STALE}); memcached keeps them in the item too. The write time is
 * the {@link io.dynoj.core.time.HybridClock} timestamp of the item's last write, the same on every replica
 * (last-write-wins); 0 for an item of the old form. A tombstone is what a delete leaves, so a replica that
 * missed the delete loses to it in repair; reads never see it ({@link Items}).
 *
 * <p>An item wraps its encoded bytes, so a read copies the value once, into the reply. Immutable but for
 * {@link #encodedAt}, which stamps the write time as the item is stored: the {@code with...} methods return a
 * new item.
 */
final class Item {

    /** Bytes before the data, in the form written now. */
    static final int HEADER = 29;
    /** Bytes before the data in the form without write times. */
    static final int OLD_HEADER = 21;
    /** A client won the right to recache this item (mg N, R, or a stale item's first fetch: W/Z). */
    static final int TOKEN_SENT = 1;
    /** Invalidated by ms/md with I: still served, marked X. */
    static final int STALE = 2;

    private static final int LEASE_BITS = TOKEN_SENT | STALE;
    private static final int TOMBSTONE = 0x40;
    private static final int TIMED = 0x80;
    private static final int EXPIRE_AT = 4;
    private static final int CAS = 12;
    private static final int STATE = 20;
    private static final int WRITE_TIME = 21;

    private final byte[] raw;

    private Item(byte[] raw) {
        this.raw = raw;
    }

    /** The item stored as {@code raw}, of either form; not a tombstone ({@link #isTombstone}). */
    static Item decode(byte[] raw) {
        if (raw.length < OLD_HEADER || raw.length < dataStart(raw)) {
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
        return of(flags, expireAt, cas, state, data, 0, data.length);
    }

    /** A new item holding {@code data[offset, offset + length)}. */
    static Item of(int flags, long expireAt, long cas, int state, byte[] data, int offset, int length) {
        byte[] raw = header(flags, expireAt, cas, state, length);
        System.arraycopy(data, offset, raw, HEADER, length);
        return new Item(raw);
    }

    /** The item a {@link PortableItem} value stands for, with the expiry given beside it and a cas of this node. */
    static Item ofPortable(byte[] portable, long expireAt, long cas) {
        int flags = (int) PortableItem.flags(portable);
        return of(flags, expireAt, cas, 0, portable, PortableItem.HEADER, portable.length - PortableItem.HEADER);
    }

    /** {@code first} then {@code second}: the data of an append or prepend. */
    static Item concat(int flags, long expireAt, long cas, Item first, ByteBuf second) {
        int firstLength = first.dataLength();
        byte[] raw = header(flags, expireAt, cas, 0, firstLength + second.readableBytes());
        System.arraycopy(first.raw, first.dataStart(), raw, HEADER, firstLength);
        second.getBytes(second.readerIndex(), raw, HEADER + firstLength, second.readableBytes());
        return new Item(raw);
    }

    /** {@code first} then {@code second}'s data. */
    static Item concat(int flags, long expireAt, long cas, ByteBuf first, Item second) {
        int firstLength = first.readableBytes();
        byte[] raw = header(flags, expireAt, cas, 0, firstLength + second.dataLength());
        first.getBytes(first.readerIndex(), raw, HEADER, firstLength);
        System.arraycopy(second.raw, second.dataStart(), raw, HEADER + firstLength, second.dataLength());
        return new Item(raw);
    }

    /** The header of a new item, its write time still 0 ({@link #encodedAt} sets it). */
    private static byte[] header(int flags, long expireAt, long cas, int state, int dataLength) {
        byte[] raw = new byte[HEADER + dataLength];
        putInt(raw, 0, flags);
        putLong(raw, EXPIRE_AT, expireAt);
        putLong(raw, CAS, cas);
        raw[STATE] = (byte) (TIMED | state & LEASE_BITS);
        return raw;
    }

    /** A tombstone: the key deleted by the write of timestamp {@code writeTime}. */
    static byte[] tombstone(long writeTime) {
        byte[] raw = new byte[HEADER];
        raw[STATE] = (byte) (TIMED | TOMBSTONE);
        putLong(raw, WRITE_TIME, writeTime);
        return raw;
    }

    /** Whether {@code raw} is a tombstone. */
    static boolean isTombstone(byte[] raw) {
        return raw.length >= HEADER && (raw[STATE] & (TIMED | TOMBSTONE)) == (TIMED | TOMBSTONE);
    }

    /**
     * The bytes to store for this item written at {@code writeTime}: its own array with the write time set
     * (stores do not keep the arrays they are given), or, for an item of the old form, a new one of the new form.
     */
    byte[] encodedAt(long writeTime) {
        if ((raw[STATE] & TIMED) != 0) {
            putLong(raw, WRITE_TIME, writeTime);
            return raw;
        }
        byte[] timed = new byte[HEADER + dataLength()];
        System.arraycopy(raw, 0, timed, 0, STATE);
        timed[STATE] = (byte) (TIMED | raw[STATE] & LEASE_BITS);
        putLong(timed, WRITE_TIME, writeTime);
        System.arraycopy(raw, OLD_HEADER, timed, HEADER, dataLength());
        return timed;
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

    /** The lease bits ({@link #TOKEN_SENT}, {@link #STALE}). */
    int state() {
        return raw[STATE] & LEASE_BITS;
    }

    /** The timestamp of the write that stored this item; 0 for the old form or an item not stored yet. */
    long writeTime() {
        return writeTimeOf(raw);
    }

    int dataLength() {
        return raw.length - dataStart();
    }

    /** The data as a read-only view (not a copy). */
    ByteBuf dataView() {
        return Unpooled.wrappedBuffer(raw, dataStart(), dataLength()).asReadOnly();
    }

    void writeData(ByteBuf out) {
        out.writeBytes(raw, dataStart(), dataLength());
    }

    /** The item in range streaming's portable form, {@code [flags][data]} ({@link PortableItem}). */
    byte[] portable() {
        byte[] value = new byte[PortableItem.HEADER + dataLength()];
        System.arraycopy(raw, 0, value, 0, PortableItem.HEADER);
        System.arraycopy(raw, dataStart(), value, PortableItem.HEADER, dataLength());
        return value;
    }

    /** What repair compares: {@link PortableItemDigest} of the flags, data and expiry. */
    long digest() {
        return PortableItemDigest.of(flags(), raw, dataStart(), dataLength(), expireAt());
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
        copy[STATE] = (byte) (raw[STATE] & TIMED | state & LEASE_BITS);
        return new Item(copy);
    }

    private int dataStart() {
        return dataStart(raw);
    }

    private static int dataStart(byte[] raw) {
        return (raw[STATE] & TIMED) != 0 ? HEADER : OLD_HEADER;
    }

    /** The expiry of an encoded item without decoding the rest (expiry sweeps). */
    static long expireAtOf(byte[] raw) {
        return raw.length < OLD_HEADER ? 0 : getLong(raw, EXPIRE_AT);
    }

    static long casOf(byte[] raw) {
        return raw.length < OLD_HEADER ? 0 : getLong(raw, CAS);
    }

    /** The write time of an encoded item or tombstone; 0 for the old form. */
    static long writeTimeOf(byte[] raw) {
        return raw.length >= HEADER && (raw[STATE] & TIMED) != 0 ? getLong(raw, WRITE_TIME) : 0;
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
