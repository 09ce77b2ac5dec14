package io.dynoj.memcached.engine;

/**
 * memcached's exptime rules, in milliseconds: 0 is never; up to 30 days is seconds from now; more
 * is a unix time; negative is already expired. memcached counts in whole seconds, Dynoj in
 * milliseconds from the command's arrival, so an item may outlive memcached's by under a second.
 */
final class Exptime {

    /** memcached's REALTIME_MAXDELTA: larger exptimes are unix times. */
    static final long MAX_DELTA_SECONDS = 60L * 60 * 24 * 30;
    /** An expire-at that has passed (0 means never). */
    static final long EXPIRED = 1;

    private Exptime() {
    }

    /** The expire-at (ms since the epoch, 0 = never) of {@code exptime} given at {@code nowMillis}. */
    static long expireAt(long exptime, long nowMillis) {
        if (exptime == 0) {
            return 0;
        }
        if (exptime < 0) {
            return EXPIRED;
        }
        if (exptime <= MAX_DELTA_SECONDS) {
            return nowMillis + exptime * 1000;
        }
        return exptime * 1000;
    }

    /**
     * Whole seconds left, rounded up as memcached's "exptime - current_time" is for a live item; -1
     * for never; 0 once passed (memcached prints an unsigned wrap-around there, which no client can use).
     */
    static long secondsLeft(long expireAt, long nowMillis) {
        if (expireAt == 0) {
            return -1;
        }
        long left = expireAt - nowMillis;
        return left <= 0 ? 0 : (left + 999) / 1000;
    }
}
