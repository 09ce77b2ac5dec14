package io.dynoj.core.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The admin server's one {@link ObjectMapper} (thread-safe once configured, and costly to create). */
final class AdminJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private AdminJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code value} with two decimals, for figures such as phi; infinity and NaN as 999.99. */
    static double round(double value) {
        return Double.isFinite(value) ? Math.round(Math.min(value, 999.99) * 100) / 100.0 : 999.99;
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Endpoints only hand over trees, maps and plain values, so this is a bug, not bad input.
            throw new UncheckedIOException("cannot encode admin response as JSON", e);
        }
    }
}
