package io.dynoj.core.routing;

import java.util.HashMap;
import java.util.Map;

/**
 * The keys (by token) of one lane whose effect is sent only once the local datastore answered (SPOP's, a key
 * copy's). While one is pending, a later write to the same key must not send its effect early, beside its
 * execution: it would reach the other replicas before the pending one's and they would apply the key's writes
 * in another order than the primary did. Confined to its lane's event loop.
 */
final class LateEffects {

    private final Map<Long, Integer> pending = new HashMap<>();

    boolean pending(long hash) {
        return !pending.isEmpty() && pending.containsKey(hash);
    }

    void begin(long hash) {
        pending.merge(hash, 1, Integer::sum);
    }

    void end(long hash) {
        pending.computeIfPresent(hash, (h, n) -> n == 1 ? null : n - 1);
    }
}
