package io.dynoj.redis.engine;

/**
 * Redis's limit on one string value, {@code proto-max-bulk-len}, and the checks of the commands
 * that grow a string (SETRANGE, APPEND, SETBIT, BITFIELD). Every size sum is checked for overflow
 * first: {@code SETRANGE k 9223372036854775807 x} must get Redis's error, not a negative size.
 * Below that limit a string must also fit the node's heap ({@link #checkHeap}). Stateless and
 * thread-safe.
 */
public final class StringLimits {

    /**
     * Redis 7.0's default {@code proto-max-bulk-len} (512 MB): the largest string a command may
     * build. The engine's fixed value, which {@code CONFIG GET proto-max-bulk-len} can report.
     */
    public static final long PROTO_MAX_BULK_LEN = 512L * 1024 * 1024;

    static final String TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    static final String BAD_BIT_OFFSET = "ERR bit offset is not an integer or out of range";
    static final String OUT_OF_HEAP = "OOM command not allowed when used memory > 'maxmemory'.";

    /**
     * The most one command may build in the heap: a quarter of it. A string being grown is held
     * about three times at once (as read, grown, encoded for the store), and a node that runs out of
     * heap exits, so a 512 MB string on the default 1 GB heap must be refused, not attempted.
     */
    private static final long HEAP_BUDGET = Runtime.getRuntime().maxMemory() / 4;

    private StringLimits() {
    }

    /**
     * Refuses a string of {@code size + append} bytes (both >= 0) beyond the limit, or beyond what
     * the heap can spare ({@link #checkHeap}).
     */
    static void checkLength(long size, long append) {
        checkHeap(total(size, append));
    }

    /**
     * {@code size + append}, refused beyond the limit and when the sum overflows a long (Redis's
     * checkStringLength).
     */
    static long total(long size, long append) {
        long total = size + append;
        if (total > PROTO_MAX_BULK_LEN || total < size || total < append) {
            throw new RedisError(TOO_LONG);
        }
        return total;
    }

    /**
     * Refuses to build a value of {@code bytes} bytes that the heap cannot spare, with Redis's
     * out-of-memory error: the node's analogue of Redis's maxmemory.
     */
    static void checkHeap(long bytes) {
        if (!fitsHeap(bytes)) {
            throw new RedisError(OUT_OF_HEAP);
        }
    }

    /** Whether a command may build {@code bytes} bytes in the heap. */
    static boolean fitsHeap(long bytes) {
        return bytes <= HEAP_BUDGET;
    }

    /**
     * A bit offset argument (SETBIT, GETBIT, BITFIELD): an integer in {@code [0, 8 * limit)}. With
     * {@code hashForm}, {@code #n} means {@code n * bits} (BITFIELD's offsets counted in fields);
     * the product wraps as Redis's does before the range check.
     */
    static long bitOffset(byte[] arg, boolean hashForm, int bits) {
        boolean hash = hashForm && bits > 0 && arg.length > 0 && arg[0] == '#';
        Long parsed = Numbers.tryParseLong(hash ? java.util.Arrays.copyOfRange(arg, 1, arg.length) : arg);
        if (parsed == null) {
            throw new RedisError(BAD_BIT_OFFSET);
        }
        long offset = hash ? parsed * bits : parsed;
        if (offset < 0 || (offset >> 3) >= PROTO_MAX_BULK_LEN) {
            throw new RedisError(BAD_BIT_OFFSET);
        }
        return offset;
    }
}
