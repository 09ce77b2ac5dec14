package io.dynoj.client.routing;

import io.dynoj.client.topology.ClusterView;
import io.dynoj.client.topology.Host;
import io.dynoj.core.topology.Rack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The key's nodes by {@link Placement} (token-aware; writes as reads when told so), or, for operations without one token (no key, keys of
 * several nodes) and when told to ignore tokens, the local rack's nodes in turn followed by the other racks'
 * nodes of the local datacenter. Thread-safe (one atomic counter).
 */
final class TokenAwareLoadBalancer implements LoadBalancer {

    private final boolean ignoreTokens;
    private final boolean localWrites;
    private final AtomicInteger turn = new AtomicInteger();

    TokenAwareLoadBalancer(boolean ignoreTokens, boolean localWrites) {
        this.ignoreTokens = ignoreTokens;
        this.localWrites = localWrites;
    }

    @Override
    public List<Host> candidates(ClusterView view, Operation operation) {
        if (operation.hasToken() && !ignoreTokens) {
            return Placement.replicas(view, operation.token(), operation.write() && !localWrites);
        }
        List<Host> out = new ArrayList<>();
        int start = Math.floorMod(turn.getAndIncrement(), Integer.MAX_VALUE);
        rotated(view.localRackHosts(), start, out);
        for (Rack rack : view.topology().localDcRacks()) {
            if (rack != view.topology().localRack()) {
                rotated(rack.ring().nodes().stream().map(view::host).toList(), start, out);
            }
        }
        return out;
    }

    private static void rotated(List<Host> hosts, int start, List<Host> out) {
        for (int i = 0; i < hosts.size(); i++) {
            out.add(hosts.get((start + i) % hosts.size()));
        }
    }
}
