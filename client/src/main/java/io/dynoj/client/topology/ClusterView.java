package io.dynoj.client.topology;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.hash.KeyHasher;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Rack;
import io.dynoj.core.topology.Topology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One immutable snapshot of the cluster as the client routes on it: the server's own {@link Topology}
 * and {@link KeyHasher} (so keys are placed hash for hash as the nodes place them), and the {@link Host}
 * behind every ring entry. The client swaps snapshots whole; a command reads one snapshot once.
 *
 * <p>{@link Topology} is built from a node's point of view (exactly one node marked local): here the first
 * described node of the client's local rack is marked, so {@link Topology#localRack()},
 * {@link Topology#localDcRacks()} and {@link Topology#remoteDcs()} are the client's own. Nothing else
 * reads that mark.
 */
public final class ClusterView {

    private final Topology topology;
    private final KeyHasher hasher;
    private final Map<ClusterNode, Host> hosts;
    private final List<Host> localRackHosts;
    private final DescribedCluster described;

    private ClusterView(Topology topology, KeyHasher hasher, Map<ClusterNode, Host> hosts, DescribedCluster described) {
        this.topology = topology;
        this.hasher = hasher;
        this.hosts = hosts;
        this.described = described;
        this.localRackHosts = topology.localRack().ring().nodes().stream().map(hosts::get).toList();
    }

    /**
     * Builds a snapshot.
     *
     * @param described what a node described
     * @param localDc   the client's datacenter, or {@code null} to take the one holding {@code localRack}
     * @param localRack the client's rack
     * @param hostOf    the client-side host of each described server (addresses and state)
     * @throws IllegalArgumentException when the local datacenter or rack is not in the cluster (the message
     *                                  names the ones that are), or the description is inconsistent
     */
    public static ClusterView of(DescribedCluster described, String localDc, String localRack,
                                 Function<DescribedCluster.Server, Host> hostOf) {
        Objects.requireNonNull(localRack, "localRack");
        String dc = localDc != null ? localDc : dcOfRack(described, localRack);
        List<String> dcs = described.servers().stream().map(DescribedCluster.Server::dc).distinct().sorted().toList();
        if (!dcs.contains(dc)) {
            throw new IllegalArgumentException("local datacenter '" + dc + "' is not in the cluster; datacenters are " + dcs);
        }
        List<String> racks = described.servers().stream().filter(s -> s.dc().equals(dc))
                .map(DescribedCluster.Server::rack).distinct().sorted().toList();
        if (!racks.contains(localRack)) {
            throw new IllegalArgumentException("local rack '" + localRack + "' is not in the cluster; racks are " + racks
                    + (dcs.size() > 1 ? " in datacenter " + dc : ""));
        }
        List<ClusterNode> nodes = new ArrayList<>();
        Map<ClusterNode, Host> hosts = new HashMap<>();
        boolean marked = false;
        for (DescribedCluster.Server s : described.servers()) {
            boolean viewpoint = !marked && s.dc().equals(dc) && s.rack().equals(localRack);
            marked |= viewpoint;
            ClusterNode node = new ClusterNode(s.dc(), s.rack(), new HostPort(s.host(), s.peerPort()), s.tokens(), viewpoint);
            nodes.add(node);
            hosts.put(node, hostOf.apply(s));
        }
        KeyHasher hasher = KeyHasher.of(described.hash(), described.hashTag());
        return new ClusterView(new Topology(described.version(), nodes), hasher, Map.copyOf(hosts), described);
    }

    private static String dcOfRack(DescribedCluster described, String rack) {
        TreeSet<String> dcs = new TreeSet<>();
        described.servers().stream().filter(s -> s.rack().equals(rack)).forEach(s -> dcs.add(s.dc()));
        if (dcs.size() == 1) {
            return dcs.first();
        }
        if (dcs.isEmpty()) {
            List<String> racks = described.servers().stream().map(DescribedCluster.Server::rack).distinct().sorted().toList();
            throw new IllegalArgumentException("local rack '" + rack + "' is not in the cluster; racks are " + racks);
        }
        throw new IllegalArgumentException("rack '" + rack + "' is in datacenters " + dcs + "; name the local datacenter too");
    }

    /** The server's topology, seen from the client's rack. */
    public Topology topology() {
        return topology;
    }

    /** The cluster's key placement (hash function and hash tag). */
    public KeyHasher hasher() {
        return hasher;
    }

    /** The description this snapshot was built from. */
    public DescribedCluster described() {
        return described;
    }

    /** The 32-bit token of a key, as the nodes compute it. */
    public long token(byte[] key) {
        return hasher.token(key, 0, key.length);
    }

    /** The host behind a ring entry of this snapshot. */
    public Host host(ClusterNode node) {
        return hosts.get(node);
    }

    /** The owner of {@code token} in {@code rack}. */
    public Host owner(Rack rack, long token) {
        return hosts.get(rack.owner(token));
    }

    /** The nodes of the client's rack, by token. */
    public List<Host> localRackHosts() {
        return localRackHosts;
    }

    /** Every host of the cluster: the local rack's, the local datacenter's, then the others. */
    public Collection<Host> hosts() {
        Map<Host, Boolean> ordered = new LinkedHashMap<>();
        localRackHosts.forEach(h -> ordered.put(h, true));
        topology.localDcRacks().forEach(r -> r.ring().nodes().forEach(n -> ordered.put(hosts.get(n), true)));
        hosts.values().forEach(h -> ordered.put(h, true));
        return List.copyOf(ordered.keySet());
    }

    /** Whether {@code other} routes every key the same way and sees the same states (nothing to swap). */
    public boolean sameAs(ClusterView other) {
        return other != null && hasher.toString().equals(other.hasher.toString())
                && signature().equals(other.signature());
    }

    private Map<String, String> signature() {
        Map<String, String> out = new HashMap<>();
        hosts.forEach((node, host) -> out.put(node.dc() + "/" + node.rack() + "/" + node.peerAddress() + node.tokens(),
                host.client() + " " + host.admin() + " " + host.state() + " " + host.reachable()));
        return out;
    }

    @Override
    public String toString() {
        return "cluster " + hasher + ", local rack " + topology.localRack().dc() + "/" + topology.localRack().name()
                + ": " + hosts();
    }
}
