package io.dynoj.core.config;

import java.util.Arrays;
import java.util.Locale;

/**
 * How many replicas must answer before a client is answered (Dynomite's levels).
 *
 * <p>Each level has a stable wire code ({@link #code()}) that peers send; it never changes when the
 * enum is reordered or grows. Code 0 means "no level" in frames that carry none.
 */
public enum ConsistencyLevel {
    DC_ONE(1), DC_QUORUM(2), DC_SAFE_QUORUM(3), DC_EACH_SAFE_QUORUM(4);

    /** Indexed by code; the codes are small, so a lookup is one array read. */
    private static final ConsistencyLevel[] BY_CODE = new ConsistencyLevel[5];

    static {
        for (ConsistencyLevel level : values()) {
            BY_CODE[level.code] = level;
        }
    }

    private final byte code;

    ConsistencyLevel(int code) {
        this.code = (byte) code;
    }

    /** This level's code on the peer wire. */
    public byte code() {
        return code;
    }

    /**
     * The level whose wire code is {@code code}.
     *
     * @throws IllegalArgumentException when no level has it (a newer peer's level, or a corrupt frame)
     */
    public static ConsistencyLevel fromCode(byte code) {
        ConsistencyLevel level = code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (level == null) {
            throw new IllegalArgumentException("unknown consistency level code " + code);
        }
        return level;
    }

    /** Case-insensitive, as Dynomite accepts {@code dc_one} and {@code DC_ONE}. */
    public static ConsistencyLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown consistency level '" + text + "'; expected one of "
                    + Arrays.toString(values()));
        }
    }
}
