package io.dynoj.distribution;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynoj.client.topology.AdminHttp;
import io.dynoj.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.HostAndPort;

/**
 * Node processes of the unpacked distribution on 127.0.0.1 whose topology lives in one ZooKeeper
 * ({@code dyn_seed_provider: zookeeper}, cluster {@value #CLUSTER}, datacenter {@code dc1}): no config names a
 * token or a seed, so ZooKeeper assigns every token. Each node has its own ports, log directory and the
 * {@code memory} store; {@code hash_tag} is {@code {}}. Used from one test thread.
 */
final class ZooKeeperNodes implements AutoCloseable {

    static final String CLUSTER = "zkproc";
    /** Short, so that a killed node's member goes quickly; the server grants from 1 s (tick 500 ms). */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REPLACE_AFTER = Duration.ofMillis(1500);

    /** One node process: its place, ports and log directory. */
    record Node(String rack, int client, int peer, int admin, Path logDir, NodeProcess process) {

        /** The default node id (dc/rack/host:dyn_port): no config sets one. */
        String id() {
            return "dc1/" + rack + "/127.0.0.1:" + peer;
        }

        HostAndPort adminAddress() {
            return new HostAndPort("127.0.0.1", admin);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final Path dir;
    private final String connect;
    private final List<Node> nodes = new ArrayList<>();
    private final AdminHttp http = new AdminHttp(Duration.ofSeconds(5));

    ZooKeeperNodes(Path home, Path dir, String connect) {
        this.home = home;
        this.dir = dir;
        this.connect = connect;
    }

    /** Starts one node process per rack named, all at once, and waits until each answers PING and {@code /info}. */
    List<Node> start(String... racks) {
        List<Node> started = new ArrayList<>();
        for (String rack : racks) {
            started.add(launch(rack));
        }
        started.forEach(n -> n.process().awaitReady());
        started.forEach(this::awaitAdmin);
        return started;
    }

    /** Waits until the node's admin port answers {@code /info}: a node opens it just after its client port. */
    void awaitAdmin(Node node) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> info(node).has("node_id"));
    }

    /** Starts a node process in {@code rack} on new ports; does not wait for it (see {@link NodeProcess#awaitReady()}). */
    Node launch(String rack) {
        int i = nodes.size();
        int client = FreePorts.next();
        int peer = FreePorts.next();
        int admin = FreePorts.next();
        Path logDir = dir.resolve("logs-" + i);
        Path config = write(i, rack, client, peer, admin);
        Node node = new Node(rack, client, peer, admin, logDir, new NodeProcess(home, config, logDir, client));
        nodes.add(node);
        node.process().start();
        return node;
    }

    private Path write(int i, String rack, int client, int peer, int admin) {
        String yaml = """
                dyn_o_mite:
                  listen: 127.0.0.1:%d
                  dyn_listen: 127.0.0.1:%d
                  stats_listen: 127.0.0.1:%d
                  datacenter: dc1
                  rack: %s
                  cluster_name: %s
                  dyn_seed_provider: zookeeper
                  zookeeper:
                    connect: %s
                    session_timeout: %d
                    connection_timeout: %d
                    replace_after: %d
                  datastore: memory
                  hash_tag: "{}"
                  io_threads: 1
                """.formatted(client, peer, admin, rack, CLUSTER, connect,
                SESSION_TIMEOUT.toMillis(), SESSION_TIMEOUT.toMillis(), REPLACE_AFTER.toMillis());
        try {
            return Files.writeString(dir.resolve("node-" + i + ".yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node's {@code /info} {@code node} section (topology_version, tokens, node_id...). */
    JsonNode info(Node node) {
        return get(node, "/info").path("node");
    }

    /** The node's {@code /cluster_describe}. */
    JsonNode describe(Node node) {
        return get(node, "/cluster_describe");
    }

    /** The id of the server that owns {@code token} in {@code rack} in the node's {@code /cluster_describe}. */
    Optional<String> owner(Node node, String rack, long token) {
        for (JsonNode r : describe(node).path("dcs").path(0).path("racks")) {
            if (!r.path("name").asText().equals(rack)) {
                continue;
            }
            for (JsonNode server : r.path("servers")) {
                for (JsonNode t : server.path("token")) {
                    if (t.asLong() == token) {
                        return Optional.of(server.path("id").asText());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A counter or gauge of the node's {@code /metrics/json}; 0 when it has none. */
    long metric(Node node, String name) {
        JsonNode json = get(node, "/metrics/json");
        JsonNode counter = json.path("counters").path(name);
        return counter.isMissingNode() ? json.path("gauges").path(name).asLong(0) : counter.asLong();
    }

    private JsonNode get(Node node, String path) {
        try {
            return JSON.readTree(http.get(node.adminAddress(), path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        nodes.forEach(n -> n.process().close());
    }
}
