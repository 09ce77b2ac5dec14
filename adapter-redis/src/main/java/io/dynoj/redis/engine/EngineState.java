package io.dynoj.redis.engine;

import io.dynoj.core.config.NodeConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the engine keeps between commands: settings, statistics and SCAN cursors. Thread-safe. */
public final class EngineState {

    private static final int MAX_CURSORS = 100_000;

    private final NodeConfig config;
    private final io.dynoj.core.storage.KeyLocks locks;
    private final EngineSettings settings;
    private final EngineStats stats;
    private final InfoSections info;
    private final AtomicLong nextCursor = new AtomicLong(1);
    private final Map<Long, byte[]> cursors = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > MAX_CURSORS;
        }
    };

    EngineState(NodeConfig config, io.dynoj.core.storage.KeyLocks locks, EngineStats stats) {
        this.config = config;
        this.locks = locks;
        this.settings = new EngineSettings(config);
        this.stats = stats;
        this.info = new InfoSections(config, stats);
    }

    /** The sections of INFO that describe the node. */
    InfoSections info() {
        return info;
    }

    /** The CONFIG parameters (CONFIG GET/SET). */
    public EngineSettings settings() {
        return settings;
    }

    /** What INFO reports of the node's traffic. */
    public EngineStats stats() {
        return stats;
    }

    /** The engine's key locks, for commands that find their keys as they go (FLUSHALL). */
    public io.dynoj.core.storage.KeyLocks locks() {
        return locks;
    }

    public NodeConfig config() {
        return config;
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
