package io.dynoj.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A datastore's own section of the configuration (the map under a key named after it, e.g.
 * {@code mysql:}), read through typed getters. Every getter checks what it reads and throws an
 * {@link IllegalArgumentException} that names the section and the key ({@code "mysql: 'pool_size'
 * must be between 1 and 1000 (got 0)"}), so that adapters report bad options alike and none parses
 * YAML nodes itself. A value may be written as a YAML scalar of the right type or as text
 * ({@code pool_size: "8"}), as environment substitution produces text.
 *
 * <p>Immutable (a copy of the node it was made from); thread-safe.
 */
public final class ConfigSection {

    private final String name;
    private final JsonNode values;

    private ConfigSection(String name, JsonNode values) {
        this.name = name;
        this.values = values;
    }

    /**
     * The section {@code name} made of {@code values}: a map, or {@code null}/missing for an empty
     * section. Throws when {@code values} is something else (a list, a scalar).
     */
    public static ConfigSection of(String name, JsonNode values) {
        if (values == null || values.isNull() || values.isMissingNode()) {
            return empty(name);
        }
        if (!values.isObject()) {
            throw new IllegalArgumentException(name + ": must be a map of options, got " + values);
        }
        return new ConfigSection(name, values.deepCopy());
    }

    /** A section with no keys: every getter answers its default. */
    public static ConfigSection empty(String name) {
        return new ConfigSection(name, JsonNodeFactory.instance.objectNode());
    }

    /** The section's key in the configuration, e.g. {@code "mysql"}; messages start with it. */
    public String name() {
        return name;
    }

    /** The keys written in the section, sorted. */
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        values.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    public boolean has(String key) {
        return values.has(key);
    }

    /**
     * Refuses keys that are not in {@code known}, so that a typo does not silently leave a default
     * in place: {@code "mysql: unknown key [pool]; known keys: [url, user...]"}.
     */
    public void requireKnownKeys(Collection<String> known) {
        Set<String> unknown = keys();
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(name + ": unknown key" + (unknown.size() > 1 ? "s " : " ") + unknown
                    + "; known keys: " + List.copyOf(known));
        }
    }

    /** The value of {@code key} as text, or {@code null} when absent; a list or map is refused. */
    public String text(String key) {
        JsonNode node = values.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw invalid(key, "must be a single value");
        }
        return node.asText();
    }

    /**
     * A secret given as {@code key}, {@code key_file} (the file's first line) or {@code key_env} (an environment
     * variable), at most one of them; {@code null} when none is given. See {@link Secret}.
     */
    public Secret secret(String key) {
        try {
            return Secret.resolve(key, text(key), text(key + "_file"), text(key + "_env"), System::getenv);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #text(String)}, with {@code fallback} when absent. */
    public String text(String key, String fallback) {
        String value = text(key);
        return value == null ? fallback : value;
    }

    /** A whole number; {@code fallback} when absent. */
    public long number(String key, long fallback) {
        return number(key, fallback, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent. */
    public long number(String key, long fallback, long min, long max) {
        String value = text(key);
        if (value == null) {
            return fallback;
        }
        long number;
        try {
            number = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, "must be a whole number (got '" + value + "')");
        }
        if (number < min || number > max) {
            throw invalid(key, "must be between " + min + " and " + max + " (got " + number + ")");
        }
        return number;
    }

    /** A whole number that fits an {@code int}; {@code fallback} when absent. */
    public int integer(String key, int fallback) {
        return integer(key, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** As {@link #number}, for an {@code int} option. */
    public int integer(String key, int fallback, int min, int max) {
        return (int) number(key, fallback, min, max);
    }

    /** {@code true} or {@code false} (any case); {@code fallback} when absent. */
    public boolean bool(String key, boolean fallback) {
        String value = text(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, "must be true or false (got '" + value + "')");
        };
    }

    /** One of {@code type}'s constants, written in any case ({@code sync: always}); {@code fallback} when absent. */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        String value = text(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                allowed.add(c.name().toLowerCase(Locale.ROOT));
            }
            throw invalid(key, "must be one of " + String.join(", ", allowed) + " (got '" + value + "')");
        }
    }

    /** An error about {@code key} of this section, for checks the getters do not make. */
    public IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException(name + ": '" + key + "' " + problem);
    }

    @Override
    public String toString() {
        return name + ": " + keys();
    }
}
