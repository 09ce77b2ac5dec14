package io.dynoj.memcached.engine;

import io.netty.buffer.ByteBuf;

/**
 * Stores an item by a {@link StoreMode}, memcached 1.6.18's {@code do_store_item}: the cas test
 * first, then the mode's rule. Shared by the classic storage commands and ms. The caller holds the
 * key's lock.
 */
final class ItemWriter {

    enum Outcome { STORED, NOT_STORED, EXISTS, NOT_FOUND }

    /** The outcome, and the new item's cas when stored (else 0). */
    record Result(Outcome outcome, long cas) {
        static final Result NOT_STORED = new Result(Outcome.NOT_STORED, 0);
        static final Result EXISTS = new Result(Outcome.EXISTS, 0);
        static final Result NOT_FOUND = new Result(Outcome.NOT_FOUND, 0);
    }

    private enum CasCheck { NONE, MATCH, BADVAL, STALE }

    private ItemWriter() {
    }

    /**
     * @param reqCas the client's cas, 0 for none
     * @param setStale ms's I flag in cas mode: a cas below the item's still stores, marked stale
     */
    static Result store(Items items, byte[] key, StoreMode mode, int flags, long expireAt, long reqCas,
                        boolean setStale, ByteBuf data) {
        Item old = items.get(key);
        if (old == null) {
            return switch (mode) {
                case SET, ADD -> write(items, key, flags, expireAt, 0, data);
                case CAS -> Result.NOT_FOUND;
                default -> Result.NOT_STORED;
            };
        }
        CasCheck check;
        if (reqCas == 0) {
            check = CasCheck.NONE;
        } else if (reqCas == old.cas()) {
            check = CasCheck.MATCH;
        } else if (setStale && Long.compareUnsigned(reqCas, old.cas()) < 0) {
            check = CasCheck.STALE;
        } else {
            check = CasCheck.BADVAL;
        }
        switch (mode) {
            case ADD:
                return Result.NOT_STORED;
            case CAS:
                if (check == CasCheck.MATCH) {
                    return write(items, key, flags, expireAt, 0, data);
                }
                if (check == CasCheck.STALE) {
                    // Replaces the value but keeps the TTL; marked stale, keeping a sent token.
                    int state = Item.STALE | (old.state() & Item.TOKEN_SENT);
                    return write(items, key, flags, old.expireAt(), state, data);
                }
                return Result.EXISTS;
            case APPEND, PREPEND:
                if (check != CasCheck.NONE && check != CasCheck.MATCH) {
                    return Result.EXISTS;
                }
                if ((long) old.dataLength() + data.readableBytes() > items.maxItemBytes()) {
                    return Result.NOT_STORED; // memcached cannot allocate it either
                }
                long cas = items.nextCas();
                Item joined = mode == StoreMode.APPEND
                        ? Item.concat(old.flags(), old.expireAt(), cas, old, data)
                        : Item.concat(old.flags(), old.expireAt(), cas, data, old);
                items.put(key, joined);
                return new Result(Outcome.STORED, cas);
            default: // SET, REPLACE
                return write(items, key, flags, expireAt, 0, data);
        }
    }

    private static Result write(Items items, byte[] key, int flags, long expireAt, int state, ByteBuf data) {
        long cas = items.nextCas();
        items.put(key, Item.of(flags, expireAt, cas, state, data));
        return new Result(Outcome.STORED, cas);
    }
}
