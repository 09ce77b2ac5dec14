package io.dynoj.client;

import io.dynoj.client.routing.Operation;
import io.dynoj.client.topology.ClusterView;
import io.dynoj.client.topology.Host;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Rack;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.SafeEncoder;

/**
 * SCAN over the whole cluster: the nodes of the client's rack one after another, in token order. Each key
 * lives on exactly one node of a rack, so each key comes back once (with Redis's SCAN guarantees per node:
 * keys added or removed during the scan may or may not appear). The cursor is {@code <node>:<node's cursor>}
 * ({@code "0"} starts and ends, as in Redis); it stays valid while the rack's nodes do not change.
 *
 * <p>A node that cannot be reached when its turn starts is replaced by a node of another rack of the local
 * datacenter with the same tokens (a twin holds the same keys); mid-node, the cursor belongs to that node's
 * datastore, so its failure fails the call and the application may retry it with the same cursor. Stateless.
 */
final class ClusterScan {

    private final DynojCommandExecutor executor;

    ClusterScan(DynojCommandExecutor executor) {
        this.executor = executor;
    }

    /**
     * One step of the scan.
     *
     * @param cursor  {@code "0"} or a cursor this method returned
     * @param command the SCAN command for one node, from its own cursor
     */
    ScanResult<byte[]> scan(String cursor, Function<String, CommandObject<ScanResult<byte[]>>> command) {
        ClusterView view = executor.view();
        List<ClusterNode> nodes = view.topology().localRack().ring().nodes();
        int index = 0;
        String inner = "0";
        if (!"0".equals(cursor)) {
            int colon = cursor.indexOf(':');
            try {
                index = Integer.parseInt(cursor.substring(0, Math.max(colon, 0)));
            } catch (NumberFormatException e) {
                index = -1;
            }
            if (colon < 0 || index < 0 || index >= nodes.size()) {
                throw new DynojClientException("'" + cursor + "' is not a cursor of this cluster's scan (<node>:<cursor>, "
                        + nodes.size() + " nodes in the local rack)");
            }
            inner = cursor.substring(colon + 1);
        }
        ClusterNode node = nodes.get(index);
        List<Host> candidates = "0".equals(inner) ? withTwins(view, node) : List.of(view.host(node));
        CommandObject<ScanResult<byte[]>> step = command.apply(inner);
        ScanResult<byte[]> result = executor.execute(new Operation("SCAN", false, Operation.NO_TOKEN), candidates,
                c -> c.executeCommand(step));
        String next = !"0".equals(result.getCursor()) ? index + ":" + result.getCursor()
                : index + 1 < nodes.size() ? (index + 1) + ":0" : "0";
        return new ScanResult<>(next, result.getResult());
    }

    /** A scan's keys as Strings (UTF-8, as Jedis decodes them), with its cursor. */
    static ScanResult<String> strings(ScanResult<byte[]> r) {
        List<String> out = new ArrayList<>(r.getResult().size());
        for (byte[] key : r.getResult()) {
            out.add(SafeEncoder.encode(key));
        }
        return new ScanResult<>(r.getCursor(), out);
    }

    /** The node, then the nodes of the local datacenter's other racks that hold exactly its tokens. */
    private static List<Host> withTwins(ClusterView view, ClusterNode node) {
        List<Host> out = new ArrayList<>();
        out.add(view.host(node));
        for (Rack rack : view.topology().localDcRacks()) {
            for (ClusterNode other : rack.ring().nodes()) {
                if (other != node && other.tokens().equals(node.tokens()) && rack != view.topology().localRack()) {
                    out.add(view.host(other));
                }
            }
        }
        return out;
    }
}
