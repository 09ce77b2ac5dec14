package io.dynoj.client.routing;

import io.dynoj.client.topology.ClusterView;
import io.dynoj.client.topology.Host;
import io.dynoj.core.topology.Rack;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a key's commands go, by the server's own rules, so that the node that receives a command is the
 * node that serves it (no hop between nodes):
 * <ul>
 *   <li>reads: the key's owner in the client's rack (the node routes a DC_ONE read there too);</li>
 *   <li>writes: the key's <em>primary</em> in the local datacenter (issue 20, "one order per key": every
 *       write to a key goes through one replica per datacenter, which orders them).</li>
 * </ul>
 * Then, for failover, the key's owners in the other racks of the local datacenter (starting at a rack
 * chosen by the token, so a dead node's load spreads over the others), then in remote datacenters.
 * Stateless.
 */
public final class Placement {

    private Placement() {
    }

    /** The owner of {@code token} in the client's rack. */
    public static Host readOwner(ClusterView view, long token) {
        return view.owner(view.topology().localRack(), token);
    }

    /**
     * The primary replica of {@code token} in the local datacenter: of the datacenter's racks sorted by name,
     * the one at {@code (token * racks) >>> 32}, and its owner of the token. The one place the rule is
     * written on the client side; framework-core's {@code Topology} gets it as a method with issue 20, and
     * this body then becomes that call.
     */
    public static Host writePrimary(ClusterView view, long token) {
        List<Rack> racks = view.topology().localDcRacks(); // sorted by name
        return view.owner(racks.get((int) ((token * racks.size()) >>> 32)), token);
    }

    /** The hosts to try for {@code token}, best first: see the class comment. */
    public static List<Host> replicas(ClusterView view, long token, boolean write) {
        List<Rack> racks = view.topology().localDcRacks();
        Rack local = view.topology().localRack();
        // A handful of hosts: a list with contains() beats a set, and this runs once per command.
        List<Host> order = new ArrayList<>(racks.size() + 2);
        if (write) {
            order.add(writePrimary(view, token));
        }
        addOnce(order, view.owner(local, token));
        int others = racks.size() - 1;
        int start = others == 0 ? 0 : (int) (token % others);
        int localIndex = racks.indexOf(local);
        for (int i = 0; i < others; i++) {
            int r = (start + i) % others;
            addOnce(order, view.owner(racks.get(r >= localIndex ? r + 1 : r), token));
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
