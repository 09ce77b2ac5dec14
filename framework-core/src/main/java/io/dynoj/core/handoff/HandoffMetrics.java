package io.dynoj.core.handoff;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;

/** Hinted handoff's counters: hints stored, replayed, turned into key copies, dropped (past window or cap). */
final class HandoffMetrics {

    final Counter stored;
    final Counter replayed;
    final Counter repairs;
    final Counter replayFailed;
    final Counter dropped;

    HandoffMetrics(MetricRegistry registry) {
        stored = registry.counter("hints.stored");
        replayed = registry.counter("hints.replayed");
        repairs = registry.counter("hints.key_repairs");
        replayFailed = registry.counter("hints.replay_failed");
        dropped = registry.counter("hints.dropped");
    }
}
