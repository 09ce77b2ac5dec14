package io.dynoj.redis.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the engine keeps between commands: settings, statistics and SCAN cursors. Thread-safe. */
public final class EngineState {

    private static final int MAX_CURSORS = 100_000;

    private final String storeType;
    private final io.dynoj.core.storage.KeyLocks locks;
    private final ConfigValues configValues;
    private final EngineStats stats;
    private final InfoSections info;
    private final AtomicLong nextCursor = new AtomicLong(1);
    private final Map<Long, byte[]> cursors = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > MAX_CURSORS;
        }
    };

    EngineState(String storeType, io.dynoj.core.storage.KeyLocks locks, ConfigValues configValues, EngineStats stats) {
        this.storeType = storeType;
        this.locks = locks;
        this.configValues = configValues;
        this.stats = stats;
        this.info = new InfoSections(storeType, stats);
    }

    /** The sections of INFO that describe the node. */
    InfoSections info() {
        return info;
    }

    /** The CONFIG parameters (CONFIG GET/SET). */
    public ConfigValues configValues() {
        return configValues;
    }

    /** What INFO reports of the node's traffic. */
    public EngineStats stats() {
        return stats;
    }

    /** The engine's key locks, for commands that find their keys as they go (FLUSHALL). */
    public io.dynoj.core.storage.KeyLocks locks() {
        return locks;
    }

    /** The datastore type the engine runs on, as {@code INFO} reports it. */
    public String storeType() {
        return storeType;
    }

    /**
     * A SCAN cursor that resumes after {@code lastKey}. Cursors are numbers (clients parse them),
     * so the engine remembers where each one stops; the oldest are forgotten past 100,000.
     */
    public long saveCursor(byte[] lastKey) {
        long id = nextCursor.getAndIncrement();
        synchronized (cursors) {
            cursors.put(id, lastKey);
        }
        return id;
    }

    /** The key a cursor resumes after, or {@code null} when unknown. */
    public byte[] cursor(long id) {
        synchronized (cursors) {
            return cursors.get(id);
        }
    }
}
