package io.dynoj.redis.engine;

/** Expiry arguments (EX, PX, EXAT, PXAT) turned into absolute milliseconds, with Redis's checks. */
final class Expiry {

    private Expiry() {
    }

    /** {@code amount} units from now (SETEX, SET EX/PX); must be positive. */
    static long relative(Call c, long amount, long unitMillis, String command) {
        return absoluteOrRelative(c, amount, unitMillis, false, command);
    }

    /**
     * The expire time of SET/GETEX's EX, PX, EXAT or PXAT option, in ms since the epoch. Redis
     * refuses values that are not positive or overflow once converted.
     */
    static long absoluteOrRelative(Call c, long amount, long unitMillis, boolean absolute, String command) {
        if (amount <= 0 || amount > Long.MAX_VALUE / unitMillis) {
            throw invalid(command);
        }
        long millis = amount * unitMillis;
        if (absolute) {
            return millis;
        }
        if (millis > Long.MAX_VALUE - c.now()) {
            throw invalid(command);
        }
        return c.now() + millis;
    }

    static RedisError invalid(String command) {
        return new RedisError("ERR invalid expire time in '" + command + "' command");
    }
}
