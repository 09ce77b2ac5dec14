package io.dynoj.core.routing;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;

/** What the router counts: forwarded requests, replication outcomes, quorum failures, primaries not reachable (a later rack ordered the write) or failing. */
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
    }
}
