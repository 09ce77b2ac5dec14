package io.dynoj.client;

import io.dynoj.client.routing.Operation;
import io.dynoj.client.topology.ClusterView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.SafeEncoder;

/**
 * SCAN over the whole cluster. The nodes walk it themselves: a node's SCAN goes through the nodes of its rack
 * in token order, each key once, with a cursor that names the node and that node's own cursor (a number, as
 * in Redis; {@code "0"} starts and ends). So each step goes to a node of the client's rack, any of them (the
 * cursor belongs to the rack, not to the node that answered it), with failover among them; the cursor stays
 * valid while the rack's nodes do not change. A node of the rack that cannot be reached fails the step, and
 * the application may retry it with the same cursor. Stateless.
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
     * @param command the SCAN command from a cursor
     */
    ScanResult<byte[]> scan(String cursor, Function<String, CommandObject<ScanResult<byte[]>>> command) {
        try {
            Long.parseUnsignedLong(cursor);
        } catch (NumberFormatException e) {
            throw new DynojClientException("'" + cursor + "' is not a cursor of this cluster's scan (a number)");
        }
        ClusterView view = executor.view();
        CommandObject<ScanResult<byte[]>> step = command.apply(cursor);
        return executor.execute(new Operation("SCAN", false, Operation.NO_TOKEN), view.localRackHosts(),
                c -> c.executeCommand(step));
    }

    /** A scan's keys as Strings (UTF-8, as Jedis decodes them), with its cursor. */
    static ScanResult<String> strings(ScanResult<byte[]> r) {
        List<String> out = new ArrayList<>(r.getResult().size());
        for (byte[] key : r.getResult()) {
            out.add(SafeEncoder.encode(key));
        }
        return new ScanResult<>(r.getCursor(), out);
    }
}
