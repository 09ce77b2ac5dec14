package io.dynoj.client.topology;

import io.dynoj.core.state.ServingState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.HostAndPort;

/** Cluster descriptions for unit tests: racks of nodes on 10.0.<rack>.<node>, the same ports everywhere. */
public final class Described {

    private Described() {
    }

    /** {@code racks} racks of dc1 named rack1.., each with nodes at tokens 0 and 2^31 (two) or 0 (one). */
    public static DescribedCluster racks(int racks, int nodesPerRack) {
        List<DescribedCluster.Server> servers = new ArrayList<>();
        for (int r = 1; r <= racks; r++) {
            for (int n = 0; n < nodesPerRack; n++) {
                long token = n * (0x1_0000_0000L / nodesPerRack);
                servers.add(new DescribedCluster.Server("dc1", "rack" + r, "10.0." + r + "." + n, 8101, List.of(token),
                        r == 1 && n == 0, r == 1 && n == 0 ? "10.0.1.0" : null, r == 1 && n == 0 ? 8102 : 0));
            }
        }
        return new DescribedCluster(new HostAndPort("10.0.1.0", 22222), 1, "murmur", "{}", servers);
    }

    /** The view of {@code described} from {@code rack} of dc1, addresses by convention, every node NORMAL. */
    public static ClusterView view(DescribedCluster described, String rack) {
        return view(described, rack, Map.of());
    }

    /** As {@link #view(DescribedCluster, String)} with some nodes' states, by client host. */
    public static ClusterView view(DescribedCluster described, String rack, Map<String, ServingState> states) {
        HostSupplier hosts = HostSupplier.convention();
        return ClusterView.of(described, null, rack, s -> {
            HostSupplier.NodeAddresses a = hosts.addresses(s, described);
            return new Host(s.dc(), s.rack(), a.client(), a.admin(),
                    states.getOrDefault(a.client().getHost(), ServingState.NORMAL));
        });
    }
}
