package io.dynoj.client.memcached;

import io.dynoj.client.routing.Placement;
import io.dynoj.client.topology.ClusterView;
import io.dynoj.client.topology.Host;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.NodeLocator;

/**
 * A spymemcached {@link NodeLocator} that places keys as the Dynoj nodes do ({@link Placement} on the
 * client's {@link ClusterView}), so a memcached client sends each key to the node that serves it. A locator
 * picks one node per key for every operation, reads and writes alike, so it aims at one of two:
 * <ul>
 *   <li>{@link Target#LOCAL_OWNER} (the default): the key's owner in the client's rack: reads need no hop
 *       and stay in the rack; writes take one hop, to the key's primary;</li>
 *   <li>{@link Target#PRIMARY}: the key's primary: no hop at all (the primary reads its own copy), but reads
 *       leave the rack when the primary is elsewhere.</li>
 * </ul>
 * {@link #getSequence} gives the key's other replicas for spymemcached's failure mode
 * {@code Redistribute}. A node the client was not given (not in spymemcached's list) is replaced by the
 * first node it has, which forwards. Thread-safe: spymemcached calls it from its I/O thread and the
 * application's; node lists are replaced whole.
 */
public final class DynojNodeLocator implements NodeLocator {

    /** Which replica of a key the locator sends its operations to. */
    public enum Target { LOCAL_OWNER, PRIMARY }

    private final Supplier<ClusterView> views;
    private final Target target;
    private volatile List<MemcachedNode> nodes;
    private volatile Map<String, MemcachedNode> byAddress;

    public DynojNodeLocator(List<MemcachedNode> nodes, Supplier<ClusterView> views, Target target) {
        this.views = views;
        this.target = target;
        updateLocator(nodes);
    }

    @Override
    public MemcachedNode getPrimary(String key) {
        ClusterView view = views.get();
        long token = view.token(key.getBytes(StandardCharsets.UTF_8));
        Host host = target == Target.PRIMARY ? Placement.writePrimary(view, token) : Placement.readOwner(view, token);
        MemcachedNode node = byAddress.get(address(host));
        return node != null ? node : nodes.get(0);
    }

    @Override
    public Iterator<MemcachedNode> getSequence(String key) {
        ClusterView view = views.get();
        long token = view.token(key.getBytes(StandardCharsets.UTF_8));
        MemcachedNode first = getPrimary(key);
        List<MemcachedNode> rest = new ArrayList<>();
        for (Host h : Placement.replicas(view, token, target == Target.PRIMARY)) {
            MemcachedNode n = byAddress.get(address(h));
            if (n != null && n != first && !rest.contains(n)) {
                rest.add(n);
            }
        }
        return rest.iterator();
    }

    @Override
    public Collection<MemcachedNode> getAll() {
        return nodes;
    }

    @Override
    public NodeLocator getReadonlyCopy() {
        // The node lists are immutable and replaced whole: sharing them is read-only enough.
        return new DynojNodeLocator(nodes, views, target);
    }

    @Override
    public void updateLocator(List<MemcachedNode> newNodes) {
        Map<String, MemcachedNode> map = new HashMap<>();
        for (MemcachedNode n : newNodes) {
            SocketAddress a = n.getSocketAddress();
            if (a instanceof InetSocketAddress inet && inet.getAddress() != null) {
                map.put(inet.getAddress().getHostAddress() + ":" + inet.getPort(), n);
            }
        }
        this.nodes = List.copyOf(newNodes);
        this.byAddress = map;
    }

    /** {@code ip:port} of a host, resolving a name the way spymemcached's nodes were resolved. */
    private static String address(Host host) {
        String h = host.client().getHost();
        try {
            h = InetAddress.getByName(h).getHostAddress(); // an IP literal is not looked up
        } catch (UnknownHostException e) {
            // left as written: it matches no node, and the first node forwards
        }
        return h + ":" + host.client().getPort();
    }
}
