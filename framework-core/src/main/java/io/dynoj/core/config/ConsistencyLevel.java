package io.dynoj.core.config;

import java.util.Arrays;
import java.util.Locale;

/** How many replicas must answer before a client is answered (Dynomite's levels). */
public enum ConsistencyLevel {
    DC_ONE, DC_QUORUM, DC_SAFE_QUORUM, DC_EACH_SAFE_QUORUM;

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
