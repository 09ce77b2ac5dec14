package io.dynoj.client.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynoj.client.DynojClient;
import io.dynoj.client.DynojClientBuilder;
import io.dynoj.client.topology.AdminHttp;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.node.DynojNode;
import io.dynoj.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisProtocol;

/**
 * A cluster laid out as in production, one node per host, every node on the same ports: node k runs
 * in this JVM on loopback address 127.0.0.(k+1) with one client port, one peer port and one admin port
 * shared by all (Dynomite's and Dyno's convention, which the client follows by default). Nodes keep their
 * data in the memory store; {@code hash_tag} is {@code {}}.
 */
final class LoopbackCluster implements AutoCloseable {

    /** Where a node sits. */
    record Place(String dc, String rack, long token) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final int clientPort = FreePorts.next();
    final int peerPort = FreePorts.next();
    final int adminPort = FreePorts.next();
    private final List<Place> places = new ArrayList<>();
    private final List<DynojNode> nodes = new ArrayList<>();
    private final ConsistencyLevel write;
    private final String protocol;
    private final AdminHttp http = new AdminHttp(Duration.ofSeconds(10));

    LoopbackCluster(List<Place> places, ConsistencyLevel write) {
        this(places, write, "redis");
    }

    /** A cluster whose clients speak {@code protocol} ({@code redis}, {@code memcached}). */
    LoopbackCluster(List<Place> places, ConsistencyLevel write, String protocol) {
        this.write = write;
        this.protocol = protocol;
        this.places.addAll(places);
        try {
            for (int i = 0; i < places.size(); i++) {
                nodes.add(start(i));
            }
            awaitLinks();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code racks} racks of dc1 (rack1...), each with {@code perRack} nodes at evenly spread tokens. */
    static List<Place> racks(int racks, int perRack) {
        List<Place> out = new ArrayList<>();
        for (int r = 1; r <= racks; r++) {
            for (int n = 0; n < perRack; n++) {
                out.add(new Place("dc1", "rack" + r, n * (0x1_0000_0000L / perRack)));
            }
        }
        return out;
    }

    /**
     * A client builder for this cluster: node {@code seed} as the seed, the given rack, and timeouts for a
     * busy two-core machine.
     */
    DynojClientBuilder client(int seed, String rack) {
        return DynojClient.builder().seeds(admin(seed)).localRack(rack).clientConfig(clientConfig())
                .adminTimeout(Duration.ofSeconds(10));
    }

    /** Jedis settings for clients of test clusters: RESP2, and timeouts for a busy two-core machine. */
    static JedisClientConfig clientConfig() {
        return DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2)
                .connectionTimeoutMillis(5000).socketTimeoutMillis(15_000).build();
    }

    static String host(int node) {
        return "127.0.0." + (node + 1);
    }

    private DynojNode start(int i) {
        Place me = places.get(i);
        List<String> seeds = new ArrayList<>();
        for (int j = 0; j < places.size(); j++) {
            if (j != i) {
                Place p = places.get(j);
                seeds.add(host(j) + ":" + peerPort + ":" + p.rack() + ":" + p.dc() + ":" + p.token());
            }
        }
        NodeConfig config = NodeConfig.builder().datastoreType("memory").protocol(protocol)
                .listen(new HostPort(host(i), clientPort)).statsListen(new HostPort(host(i), adminPort))
                .dynListen(new HostPort(host(i), peerPort)).dynSeeds(seeds)
                .datacenter(me.dc()).rack(me.rack()).tokens(List.of(me.token()))
                .readConsistency(ConsistencyLevel.DC_ONE).writeConsistency(write)
                .hashTag("{}").ioThreads(1).build();
        return new DynojNode(config).start();
    }

    private void awaitLinks() {
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.stream().allMatch(n -> n == null || n.peersConnected()));
    }

    /** The admin address of node {@code i}, a seed for the client. */
    String admin(int i) {
        return host(i) + ":" + adminPort;
    }

    HostAndPort client(int i) {
        return new HostAndPort(host(i), clientPort);
    }

    int size() {
        return places.size();
    }

    Place place(int i) {
        return places.get(i);
    }

    DynojNode node(int i) {
        return nodes.get(i);
    }

    /**
     * A node joins with a static configuration: the new node starts, then every other node is restarted with
     * it among its seeds (a node's topology is frozen at start), as an operator rolls out a new config.
     */
    int add(Place place) {
        places.add(place);
        nodes.add(start(places.size() - 1));
        for (int i = 0; i < places.size() - 1; i++) {
            nodes.get(i).close();
            nodes.set(i, start(i));
        }
        awaitLinks();
        return places.size() - 1;
    }

    /**
     * Requests the cluster's nodes forwarded to another node for a client (a server-side hop): the sum over
     * nodes of {@code router.forwarded} (every request sent to a peer, replication included) minus
     * {@code router.replicated} (the replication share), from each node's {@code /metrics/json}.
     */
    long hops() {
        return sum("router.forwarded") - sum("router.replicated");
    }

    /** The sum of a counter over every node's {@code /metrics/json}. */
    long sum(String counter) {
        long total = 0;
        for (int i = 0; i < nodes.size(); i++) {
            total += counters(i).path(counter).asLong(0);
        }
        return total;
    }

    JsonNode counters(int i) {
        try {
            return JSON.readTree(http.get(new HostAndPort(host(i), adminPort), "/metrics/json")).path("counters");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes what a test class opened (clients first, then the cluster), skipping what was never made. */
    static void closeAll(AutoCloseable... things) throws Exception {
        for (AutoCloseable thing : things) {
            if (thing != null) {
                thing.close();
            }
        }
    }

    @Override
    public void close() {
        nodes.forEach(n -> {
            if (n != null) {
                n.close();
            }
        });
    }
}
