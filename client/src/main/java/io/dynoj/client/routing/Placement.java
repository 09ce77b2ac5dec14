package io.dynoj.client.routing;

import io.dynoj.client.topology.ClusterView;
import io.dynoj.client.topology.Host;
import io.dynoj.core.topology.Rack;
import io.dynoj.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a key's commands go, by the server's own rules, so that the node that receives a command is the
 * node that serves it (no hop between nodes):
 * <ul>
 *   <li>reads: the key's owner in the client's rack (where a node sends a DC_ONE read too);</li>
 *   <li>writes: the key's <em>primary</em> in the local datacenter, {@link Topology#primaryRack}'s owner
 *       (issue 20, "one order per key": every write to a key goes through one replica per datacenter,
 *       which orders them).</li>
 * </ul>
 * Then, for failover: for a read, the key's owners in the other racks of the local datacenter (starting at
 * a rack chosen by the token, so a dead node's load spreads over the others); for a write, the racks after
 * the primary's in the order the nodes themselves fall back in when a primary is unreachable, so the
 * fallback node is the one the cluster orders the key's writes on. Remote datacenters come last.
 * Stateless.
 */
public final class Placement {

    private Placement() {
    }

    /** The owner of {@code token} in the client's rack. */
    public static Host readOwner(ClusterView view, long token) {
        return view.owner(view.topology().localRack(), token);
    }

    /** The primary replica of {@code token} in the local datacenter: where the nodes order its writes. */
    public static Host writePrimary(ClusterView view, long token) {
        List<Rack> racks = view.topology().localDcRacks();
        return view.owner(racks.get(Topology.primaryRack(racks, token)), token);
    }

    /** The hosts to try for {@code token}, best first: see the class comment. */
    public static List<Host> replicas(ClusterView view, long token, boolean write) {
        List<Rack> racks = view.topology().localDcRacks();
        // A handful of hosts: a list with contains() beats a set, and this runs once per command.
        List<Host> order = new ArrayList<>(racks.size() + 1);
        if (write) {
            int primary = Topology.primaryRack(racks, token);
            for (int k = 0; k < racks.size(); k++) {
                addOnce(order, view.owner(racks.get((primary + k) % racks.size()), token));
            }
        } else {
            Rack local = view.topology().localRack();
            order.add(view.owner(local, token));
            int others = racks.size() - 1;
            int start = others == 0 ? 0 : (int) (token % others);
            int localIndex = view.topology().localRackIndex();
            for (int i = 0; i < others; i++) {
                int r = (start + i) % others;
                addOnce(order, view.owner(racks.get(r >= localIndex ? r + 1 : r), token));
            }
        }
        view.topology().remoteDcs().values().forEach(rs -> rs.forEach(r -> addOnce(order, view.owner(r, token))));
        return order;
    }

    private static void addOnce(List<Host> hosts, Host h) {
        if (!hosts.contains(h)) {
            hosts.add(h);
        }
    }

    /** Whether two tokens are served by the same node for reads and for writes (one routing fits both). */
    public static boolean sameNodes(ClusterView view, long a, long b) {
        return readOwner(view, a).equals(readOwner(view, b)) && writePrimary(view, a).equals(writePrimary(view, b));
    }
}
