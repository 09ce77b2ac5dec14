package io.dynoj.redis.it;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.config.ServerAddress;
import io.dynoj.core.node.DynojNode;
import io.dynoj.testkit.FreePorts;
import io.dynoj.testkit.RedisServer;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A cluster in one JVM: one real redis-server per node, each node in-process with its client port,
 * its peer port and the others as {@code dyn_seeds}, exactly as a Dynomite config would list them.
 */
final class ClusterFixture implements AutoCloseable {

    /** Where a node sits: datacenter, rack, token. */
    record Place(String dc, String rack, long token) {
    }

    final List<Place> places;
    final List<RedisServer> backends = new ArrayList<>();
    final List<DynojNode> nodes = new ArrayList<>();
    /** Each node's embedded store type ({@code leveldb}, {@code memory}), or null for a redis-server. */
    private final List<String> stores;
    private final Path dataRoot;
    private final boolean allowFlushAll;

    ClusterFixture(List<Place> places, ConsistencyLevel read, ConsistencyLevel write) {
        this(places, read, write, null, null);
    }

    /** A cluster whose nodes keep their data in embedded stores under {@code dataRoot}. */
    ClusterFixture(List<Place> places, ConsistencyLevel read, ConsistencyLevel write, String store, Path dataRoot) {
        this(places, read, write, java.util.Collections.nCopies(places.size(), store), dataRoot, false);
    }

    /**
     * A cluster whose node {@code i} keeps its data in {@code stores.get(i)} (under {@code dataRoot}),
     * or in a redis-server of its own when that is null; {@code allowFlushAll} as the config key.
     */
    ClusterFixture(List<Place> places, ConsistencyLevel read, ConsistencyLevel write, List<String> stores,
                   Path dataRoot, boolean allowFlushAll) {
        this.places = places;
        this.stores = stores;
        this.dataRoot = dataRoot;
        this.allowFlushAll = allowFlushAll;
        List<Integer> peerPorts = new ArrayList<>();
        for (int i = 0; i < places.size(); i++) {
            backends.add(stores.get(i) == null ? RedisServer.start() : null);
            peerPorts.add(FreePorts.next());
        }
        try {
            for (int i = 0; i < places.size(); i++) {
                nodes.add(new DynojNode(config(i, peerPorts, read, write)).start());
            }
            // Nodes start one after another: wait until every link is up before anyone writes.
            await().atMost(Duration.ofSeconds(20)).until(() -> nodes.stream().allMatch(DynojNode::peersConnected));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private NodeConfig config(int i, List<Integer> peerPorts, ConsistencyLevel read, ConsistencyLevel write) {
        Place me = places.get(i);
        List<String> seeds = new ArrayList<>();
        for (int j = 0; j < places.size(); j++) {
            if (j != i) {
                Place p = places.get(j);
                seeds.add("127.0.0.1:" + peerPorts.get(j) + ":" + p.rack() + ":" + p.dc() + ":" + p.token());
            }
        }
        NodeConfig.Builder builder = NodeConfig.builder();
        if (stores.get(i) == null) {
            builder.servers(List.of(new ServerAddress(new HostPort("127.0.0.1", backends.get(i).port()), 1, null)));
        } else {
            builder.datastoreType(stores.get(i)).dataDir(dataRoot.resolve("node" + i));
        }
        return builder
                .listen(new HostPort("127.0.0.1", 0)).statsListen(new HostPort("127.0.0.1", 0))
                .dynListen(new HostPort("127.0.0.1", peerPorts.get(i)))
                .dynSeeds(seeds)
                .datacenter(me.dc()).rack(me.rack()).tokens(List.of(me.token()))
                .readConsistency(read).writeConsistency(write)
                .hashTag("{}")
                .timeoutMillis(5000).dynReadTimeoutMillis(10000)
                .ioThreads(1)
                .allowFlushAll(allowFlushAll)
                .build();
    }

    int clientPort(int node) {
        return nodes.get(node).clientAddress().getPort();
    }

    /** Indexes of the nodes in one rack. */
    List<Integer> rack(String dc, String rack) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < places.size(); i++) {
            if (places.get(i).dc().equals(dc) && places.get(i).rack().equals(rack)) {
                out.add(i);
            }
        }
        return out;
    }

    List<List<Integer>> racks() {
        return places.stream().map(p -> p.dc() + "/" + p.rack()).distinct()
                .map(r -> rack(r.substring(0, r.indexOf('/')), r.substring(r.indexOf('/') + 1)))
                .collect(Collectors.toList());
    }

    void consistency(ConsistencyLevel read, ConsistencyLevel write) {
        for (DynojNode node : nodes) {
            node.consistency().read(read);
            node.consistency().write(write);
        }
    }

    @Override
    public void close() {
        nodes.forEach(DynojNode::close);
        backends.stream().filter(java.util.Objects::nonNull).forEach(RedisServer::close);
    }
}
