package io.dynoj.redis.engine;

/**
 * A command's error reply, thrown by a command and written by {@link RedisEngine} as
 * {@code -<message>}. The message starts with Redis's error code ({@code ERR}, {@code WRONGTYPE}).
 * Cheap: no stack trace.
 */
public final class RedisError extends RuntimeException {

    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String SYNTAX = "ERR syntax error";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String OVERFLOW = "ERR increment or decrement would overflow";

    public RedisError(String message) {
        super(message, null, false, false);
    }

    public static RedisError wrongType() {
        return new RedisError(WRONGTYPE);
    }

    public static RedisError notInteger() {
        return new RedisError(NOT_INTEGER);
    }

    public static RedisError syntax() {
        return new RedisError(SYNTAX);
    }
}
