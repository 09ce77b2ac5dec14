package io.dynoj.core.routing;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the router counts: forwarded requests, replication outcomes, quorum failures, primaries not reachable (a
 * later rack ordered the write) or failing, reads failed over to another replica (by reason) and reads that
 * found no replica to answer them.
 */
final class RouterMetrics {

    final Counter forwarded;
    final Counter replicated;
    final Counter replicationFailed;
    final Counter quorumFailed;
    final Counter disagreements;
    final Counter split;
    final Counter primaryFallbacks;
    final Counter primaryFailed;
    final Counter primaryHandoffs;
    private final Map<FailoverReason, Counter> readsFailedOver = new EnumMap<>(FailoverReason.class);
    final Counter readFailoverExhausted;
    final Counter readRepairs;
    final Counter readRepairConflicts;
    final Counter readRepairFailed;

    RouterMetrics(MetricRegistry registry) {
        forwarded = registry.counter("router.forwarded");
        replicated = registry.counter("router.replicated");
        replicationFailed = registry.counter("router.replication_failed");
        quorumFailed = registry.counter("router.quorum_failed");
        disagreements = registry.counter("router.safe_quorum_disagreements");
        split = registry.counter("router.multi_key_split");
        primaryFallbacks = registry.counter("router.primary_fallbacks");
        primaryFailed = registry.counter("router.primary_failed");
        primaryHandoffs = registry.counter("router.primary_handoffs");
        for (FailoverReason reason : FailoverReason.values()) {
            readsFailedOver.put(reason, registry.counter("router.reads_failed_over." + reason.metricName));
        }
        readFailoverExhausted = registry.counter("router.read_failover_exhausted");
        readRepairs = registry.counter("router.read_repairs");
        readRepairConflicts = registry.counter("router.read_repair_conflicts");
        readRepairFailed = registry.counter("router.read_repair_failed");
    }

    /** Counts one read moved on from a replica for {@code reason}. */
    void failedOver(FailoverReason reason) {
        readsFailedOver.get(reason).inc();
    }
}
