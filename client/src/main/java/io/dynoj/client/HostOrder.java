package io.dynoj.client;

import io.dynoj.client.routing.HealthTracker;
import io.dynoj.client.routing.Operation;
import io.dynoj.client.topology.Host;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The order in which an operation's nodes are tried: the load balancer's order, except that nodes marked
 * down go after the healthy ones, and nodes whose state refuses the operation (a read on WRITES_ONLY, anything
 * on STANDBY) go after those: they are tried only when nothing else is left, in case their state changed since
 * the last refresh. Nodes without a client address ({@link Host#reachable()}) come last. Stateless.
 */
final class HostOrder {

    private HostOrder() {
    }

    static List<Host> order(List<Host> candidates, Operation op, HealthTracker health) {
        if (candidates.isEmpty()) {
            throw new IllegalStateException("the load balancer offered no node for " + op.command());
        }
        List<Host> good = new ArrayList<>(candidates.size());
        List<Host> down = null;
        List<Host> refusing = null;
        List<Host> unreachable = null;
        for (Host h : candidates) {
            if (!h.reachable()) {
                unreachable = add(unreachable, h);
            } else if (!(op.write() ? h.servesWrites() : h.servesReads())) {
                refusing = add(refusing, h);
            } else if (!health.isAvailable(h.client())) {
                down = add(down, h);
            } else {
                good.add(h);
            }
        }
        if (down != null) {
            good.addAll(down);
        }
        if (refusing != null) {
            good.addAll(refusing);
        }
        if (unreachable != null) {
            good.addAll(unreachable);
        }
        return good;
    }

    private static List<Host> add(List<Host> list, Host h) {
        List<Host> out = list == null ? new ArrayList<>(2) : list;
        out.add(h);
        return out;
    }

    /**
     * Whether a node's error says the node could not serve the command at all, so another node should:
     * its state refuses it ({@code the node is in state STANDBY ...}) or its datastore (or the peer it needed)
     * is unreachable, in which case the command was not sent anywhere.
     */
    static boolean refusedByNode(JedisDataException e) {
        String m = e.getMessage();
        return m != null && (m.contains("the node is in state ") || m.endsWith(" is not reachable"));
    }
}
