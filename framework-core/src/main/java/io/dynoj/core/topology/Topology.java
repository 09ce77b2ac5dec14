package io.dynoj.core.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An immutable, versioned snapshot of the cluster: datacenters > racks > nodes on token rings, seen
 * from the local node. A {@link TopologySource} publishes each new snapshot whole and
 * {@link TopologyHolder} swaps it in, so a request routes on one consistent view.
 */
public final class Topology {

    private final long version;
    private final ClusterNode local;
    private final List<ClusterNode> nodes;
    private final List<Rack> localDcRacks;
    private final Rack localRack;
    private final Map<String, List<Rack>> remoteDcs;

    public Topology(long version, List<ClusterNode> nodes) {
        this.version = version;
        this.nodes = List.copyOf(nodes);
        List<ClusterNode> locals = nodes.stream().filter(ClusterNode::local).toList();
        if (locals.size() != 1) {
            throw new IllegalArgumentException("a topology needs exactly one local node, found " + locals.size());
        }
        this.local = locals.get(0);
        if (nodes.stream().map(ClusterNode::id).distinct().count() != nodes.size()) {
            throw new IllegalArgumentException("two nodes of a topology have one id: " + nodes);
        }
        Map<String, Map<String, List<ClusterNode>>> byDcRack = new TreeMap<>();
        for (ClusterNode n : nodes) {
            byDcRack.computeIfAbsent(n.dc(), k -> new TreeMap<>()).computeIfAbsent(n.rack(), k -> new ArrayList<>()).add(n);
        }
        Map<String, List<Rack>> racks = new TreeMap<>();
        byDcRack.forEach((dc, rackMap) -> racks.put(dc, rackMap.entrySet().stream()
                .map(e -> new Rack(dc, e.getKey(), new TokenRing(e.getValue()))).toList()));
        this.localDcRacks = racks.get(local.dc());
        this.localRack = localDcRacks.stream().filter(r -> r.name().equals(local.rack())).findFirst().orElseThrow();
        racks.remove(local.dc());
        this.remoteDcs = Collections.unmodifiableMap(racks);
    }

    public long version() {
        return version;
    }

    public ClusterNode local() {
        return local;
    }

    public List<ClusterNode> nodes() {
        return nodes;
    }

    /** The racks of the local datacenter, the local rack among them, sorted by name. */
    public List<Rack> localDcRacks() {
        return localDcRacks;
    }

    public Rack localRack() {
        return localRack;
    }

    /** The local rack's position in {@link #localDcRacks()}. */
    public int localRackIndex() {
        return localDcRacks.indexOf(localRack);
    }

    /** The owner of {@code hash} in every rack of the local datacenter, in {@link #localDcRacks()} order. */
    public List<ClusterNode> localOwners(long hash) {
        List<ClusterNode> owners = new ArrayList<>(localDcRacks.size());
        for (Rack rack : localDcRacks) {
            owners.add(rack.owner(hash));
        }
        return owners;
    }

    /** The position in {@link #localDcRacks()} of the rack whose owner of {@code hash} is its primary. */
    public int primaryRack(long hash) {
        return primaryRack(localDcRacks, hash);
    }

    /**
     * The position in {@code racks} (one datacenter's racks, sorted by name) of the rack whose owner of
     * {@code hash} is the key's primary there: the replica that orders every write to the key. The token
     * ranges of the datacenter's first rack take turns over the racks, so primaries spread over racks
     * while keys that share their owners in every rack (one node per rack; a hash tag) share a primary,
     * and a multi-key command over them still has one order. A client computes the same.
     */
    public static int primaryRack(List<Rack> racks, long hash) {
        return racks.get(0).ring().tokenIndex(hash) % racks.size();
    }

    /** Every other datacenter's racks, by datacenter name. */
    public Map<String, List<Rack>> remoteDcs() {
        return remoteDcs;
    }

    /** Whether this node is alone: nothing to forward or replicate to. */
    public boolean isSingleNode() {
        return nodes.size() == 1;
    }

    /**
     * The rack of a remote datacenter that receives this node's writes for the whole datacenter:
     * the one named like the local rack when there is one (so each local rack pairs with its twin),
     * else the first by name.
     */
    public Rack entryRack(String remoteDc) {
        List<Rack> racks = remoteDcs.get(remoteDc);
        return racks.stream().filter(r -> r.name().equals(local.rack())).findFirst().orElse(racks.get(0));
    }

    @Override
    public String toString() {
        return "Topology v" + version + " " + nodes.stream().map(ClusterNode::toString).collect(Collectors.joining(", "));
    }
}
