package io.dynoj.core.tls;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;

/**
 * The TLS counters of one kind of connection ({@code scope}: {@code clients}, {@code peer_server},
 * {@code peer_links}, {@code datastore}): {@code tls.<scope>.handshakes} (completed),
 * {@code tls.<scope>.handshake_failures} (failed: a certificate refused, a protocol not offered, a timeout)
 * and {@code tls.<scope>.plaintext_refused} (bytes that were not TLS at all on a TLS port). Thread-safe.
 */
public final class TlsMetrics {

    final Counter handshakes;
    final Counter failures;
    final Counter plaintext;

    public TlsMetrics(MetricRegistry registry, String scope) {
        handshakes = registry.counter("tls." + scope + ".handshakes");
        failures = registry.counter("tls." + scope + ".handshake_failures");
        plaintext = registry.counter("tls." + scope + ".plaintext_refused");
    }
}
