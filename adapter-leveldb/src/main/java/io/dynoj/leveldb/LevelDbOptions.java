package io.dynoj.leveldb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code leveldb:} section of the configuration. Every option is optional; a name that is not
 * one of these is refused, so that a typo does not silently leave a default in place.
 *
 * <pre>
 * leveldb:
 *   sync: none            # none | always | interval (see {@link Sync})
 *   sync_interval_ms: 1000  # with sync: interval
 *   cache_mb: 64          # block cache
 *   write_buffer_mb: 16   # memtable size before it is written to a table file
 *   engine: auto          # auto | native | java
 * </pre>
 *
 * @param sync when writes reach the disk
 * @param syncIntervalMillis with {@link Sync#INTERVAL}: how often the log is fsynced
 * @param cacheMb LevelDB's block cache (off-heap for native, on the heap for java)
 * @param writeBufferMb LevelDB's memtable size
 * @param engine which LevelDB implementation to use
 */
public record LevelDbOptions(Sync sync, long syncIntervalMillis, int cacheMb, int writeBufferMb, Engine engine) {

    /** When an acknowledged write is on the disk (see {@link LevelDbStore} for what each survives). */
    public enum Sync {
        /** Each write reaches the operating system before it is acknowledged; never fsynced by Dynoj. */
        NONE,
        /** Each write is fsynced before it is acknowledged. */
        ALWAYS,
        /** Like {@code NONE}, plus a background fsync every {@code sync_interval_ms}. */
        INTERVAL
    }

    /** Which LevelDB library opens the store. */
    public enum Engine {
        /** Native leveldbjni; the pure-Java LevelDB when the native library does not load. */
        AUTO,
        /** Native leveldbjni only; fail when it does not load. */
        NATIVE,
        /** The pure-Java LevelDB, even where the native one would load. */
        JAVA
    }

    public static final LevelDbOptions DEFAULTS = new LevelDbOptions(Sync.NONE, 1000, 64, 16, Engine.AUTO);

    private static final Set<String> NAMES =
            Set.of("sync", "sync_interval_ms", "cache_mb", "write_buffer_mb", "engine");

    public LevelDbOptions {
        if (syncIntervalMillis < 1) {
            throw new IllegalArgumentException("leveldb: sync_interval_ms must be at least 1, got " + syncIntervalMillis);
        }
        if (cacheMb < 1) {
            throw new IllegalArgumentException("leveldb: cache_mb must be at least 1, got " + cacheMb);
        }
        if (writeBufferMb < 1 || writeBufferMb > 1024) {
            throw new IllegalArgumentException("leveldb: write_buffer_mb must be 1 to 1024, got " + writeBufferMb);
        }
    }

    /**
     * Reads the {@code leveldb:} section (an empty or missing node gives {@link #DEFAULTS}).
     *
     * @throws IllegalArgumentException naming the unknown options or the bad value
     */
    public static LevelDbOptions parse(JsonNode section) {
        if (section == null || section.isNull() || section.isMissingNode()) {
            return DEFAULTS;
        }
        if (!section.isObject()) {
            throw new IllegalArgumentException("leveldb: must be a map of options, got " + section);
        }
        Set<String> unknown = new TreeSet<>();
        for (Map.Entry<String, JsonNode> option : section.properties()) {
            if (!NAMES.contains(option.getKey())) {
                unknown.add(option.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            List<String> known = new ArrayList<>(new TreeSet<>(NAMES));
            throw new IllegalArgumentException("leveldb: unknown option" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (known: " + String.join(", ", known) + ")");
        }
        return new LevelDbOptions(
                choice(section, "sync", Sync.class, DEFAULTS.sync),
                number(section, "sync_interval_ms", DEFAULTS.syncIntervalMillis),
                (int) number(section, "cache_mb", DEFAULTS.cacheMb),
                (int) number(section, "write_buffer_mb", DEFAULTS.writeBufferMb),
                choice(section, "engine", Engine.class, DEFAULTS.engine));
    }

    private static <E extends Enum<E>> E choice(JsonNode section, String name, Class<E> type, E otherwise) {
        JsonNode v = section.get(name);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, v.asText().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                allowed.add(c.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("leveldb: " + name + " must be one of "
                    + String.join(", ", allowed) + ", got '" + v.asText() + "'");
        }
    }

    private static long number(JsonNode section, String name, long otherwise) {
        JsonNode v = section.get(name);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        try {
            return Long.parseLong(v.asText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("leveldb: " + name + " must be a whole number, got '" + v.asText() + "'");
        }
    }
}
