package io.dynoj.memcached.engine;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * incr/decr on an item, memcached 1.6.18's {@code do_add_delta}: the value is read as C's strtoull
 * reads it ({@link CNumbers}); incr wraps at 2^64, decr stops at 0. A result no longer than the old
 * value is written over it and padded with spaces to the old length ({@code "10"} decr 5 reads back
 * as {@code "5 "}), keeping the item's lease state; a longer one makes a new item. Either way the cas
 * changes. Shared by incr/decr and ma. The caller holds the key's lock.
 */
final class Delta {

    enum Status { OK, NON_NUMERIC, NOT_FOUND, CAS_MISMATCH }

    /**
     * @param item the item as stored after the change (OK only)
     * @param number the new value as text (OK only)
     * @param inPlace the old item was overwritten (its later changes by ma's T stick), not replaced
     */
    record Result(Status status, Item item, String number, boolean inPlace) {
        static Result of(Status status) {
            return new Result(status, null, null, false);
        }
    }

    private Delta() {
    }

    /** {@code reqCas}: only change an item with this cas; 0 for any. */
    static Result apply(Items items, byte[] key, boolean incr, long delta, long reqCas) {
        Item item = items.get(key);
        if (item == null) {
            return Result.of(Status.NOT_FOUND);
        }
        int length = item.dataLength();
        if (length == 0) {
            return Result.of(Status.NON_NUMERIC);
        }
        if (reqCas != 0 && item.cas() != reqCas) {
            return Result.of(Status.CAS_MISMATCH);
        }
        Long value = parse(item);
        if (value == null) {
            return Result.of(Status.NON_NUMERIC);
        }
        long result;
        if (incr) {
            result = value + delta;
        } else {
            result = Long.compareUnsigned(delta, value) > 0 ? 0 : value - delta;
        }
        String number = Long.toUnsignedString(result);
        long cas = items.nextCas();
        Item updated;
        boolean inPlace = number.length() <= length;
        if (inPlace) {
            byte[] data = new byte[length];
            java.util.Arrays.fill(data, (byte) ' ');
            System.arraycopy(number.getBytes(StandardCharsets.US_ASCII), 0, data, 0, number.length());
            updated = Item.of(item.flags(), item.expireAt(), cas, item.state(), data);
        } else {
            updated = Item.of(item.flags(), item.expireAt(), cas, 0, number.getBytes(StandardCharsets.US_ASCII));
        }
        items.put(key, updated);
        return new Result(Status.OK, updated, number, inPlace);
    }

    /** The item's value as memcached's safe_strtoull reads it (the CRLF after the data ends it). */
    private static Long parse(Item item) {
        ByteBuf data = item.dataView();
        return CNumbers.strtoull(data, data.readerIndex(), data.writerIndex());
    }
}
