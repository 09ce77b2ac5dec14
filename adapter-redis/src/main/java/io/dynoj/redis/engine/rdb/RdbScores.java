package io.dynoj.redis.engine.rdb;

import io.dynoj.redis.engine.Numbers;

/** Sorted-set scores written as text (old RDB_TYPE_ZSET, ziplists, listpacks). Stateless. */
final class RdbScores {

    private RdbScores() {
    }

    /** The score {@code text} spells; NaN and anything that is not a number are corrupt. */
    static double parse(byte[] text) {
        Double d = Numbers.tryParseDouble(text);
        if (d == null) {
            throw RdbFormatException.bad("sorted-set score is not a number");
        }
        return d;
    }
}
