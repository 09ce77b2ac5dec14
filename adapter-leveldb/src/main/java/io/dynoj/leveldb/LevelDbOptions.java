package io.dynoj.leveldb;

import io.dynoj.core.config.ConfigSection;
import java.util.List;

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

    private static final List<String> NAMES =
            List.of("cache_mb", "engine", "sync", "sync_interval_ms", "write_buffer_mb");

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
     * Reads the {@code leveldb:} section (an empty one gives {@link #DEFAULTS}).
     *
     * @throws IllegalArgumentException naming the unknown options or the bad value
     */
    public static LevelDbOptions parse(ConfigSection section) {
        section.requireKnownKeys(NAMES);
        return new LevelDbOptions(
                section.choice("sync", Sync.class, DEFAULTS.sync),
                section.number("sync_interval_ms", DEFAULTS.syncIntervalMillis),
                section.integer("cache_mb", DEFAULTS.cacheMb),
                section.integer("write_buffer_mb", DEFAULTS.writeBufferMb),
                section.choice("engine", Engine.class, DEFAULTS.engine));
    }
}
