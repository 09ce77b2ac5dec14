package io.dynoj.core.handoff;

import java.nio.file.Path;

/**
 * Hinted handoff's settings.
 *
 * @param enabled {@code hinted_handoff_enabled}: whether writes a replica misses are kept for it at all
 * @param dir where hints live ({@code <data_dir>/hints}), one directory per target node
 * @param windowMillis {@code max_hint_window}: the longest a target's oldest hint may wait; past it the
 *     target's hints are dropped and it is marked as needing a full repair (default 3 h)
 * @param maxBytesPerTarget {@code max_hints_bytes_per_node}: the same, past this many bytes (default 1 GiB)
 * @param replayPerSecond {@code hint_replay_rate}: the most hints replayed per second to one target
 */
public record HintSettings(boolean enabled, Path dir, long windowMillis, long maxBytesPerTarget, int replayPerSecond) {

    public static final long DEFAULT_WINDOW_MILLIS = 3 * 3600_000L;
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    public static final int DEFAULT_REPLAY_PER_SECOND = 20_000;
}
