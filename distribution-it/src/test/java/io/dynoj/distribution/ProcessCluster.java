package io.dynoj.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynoj.client.topology.AdminHttp;
import io.dynoj.client.topology.HostSupplier;
import io.dynoj.testkit.FreePorts;
import io.dynoj.testkit.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.HostAndPort;

/**
 * A cluster of {@code racks} x {@code perRack} node processes of the unpacked distribution on 127.0.0.1, each
 * on its own ports, keeping its data in the embedded LevelDB store or in a redis-server of its own
 * ({@link Store}); {@code hash_tag} is {@code {}}. The nodes start in parallel.
 */
final class ProcessCluster implements AutoCloseable {

    /** One node: its place and ports. */
    record Node(String rack, long token, int client, int peer, int admin) {
    }

    /** Where each node keeps its data. */
    enum Store {
        /** The embedded LevelDB store, in the test's directory. */
        LEVELDB,
        /** A redis-server per node (testkit's), started before the nodes and stopped after them. */
        REDIS
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Node> nodes = new ArrayList<>();
    private final List<NodeProcess> processes = new ArrayList<>();
    private final List<RedisServer> servers = new ArrayList<>();
    private final AdminHttp http = new AdminHttp(Duration.ofSeconds(10));

    private final String extraYaml;

    ProcessCluster(Path home, Path dir, int racks, int perRack) {
        this(home, dir, racks, perRack, Store.LEVELDB, "");
    }

    ProcessCluster(Path home, Path dir, int racks, int perRack, Store store) {
        this(home, dir, racks, perRack, store, "");
    }

    /** @param extraYaml more keys for every node's file, each line indented by two spaces */
    ProcessCluster(Path home, Path dir, int racks, int perRack, Store store, String extraYaml) {
        this.extraYaml = extraYaml;
        for (int r = 1; r <= racks; r++) {
            for (int n = 0; n < perRack; n++) {
                nodes.add(new Node("rack" + r, n * (0x1_0000_0000L / perRack), FreePorts.next(), FreePorts.next(),
                        FreePorts.next()));
            }
        }
        try {
            for (int i = 0; i < nodes.size() && store == Store.REDIS; i++) {
                servers.add(RedisServer.start());
            }
            for (int i = 0; i < nodes.size(); i++) {
                Path config = write(dir, i);
                processes.add(new NodeProcess(home, config, dir.resolve("logs-" + i), nodes.get(i).client()));
            }
            processes.forEach(NodeProcess::start);
            processes.forEach(NodeProcess::awaitReady);
            for (int i = 0; i < nodes.size(); i++) {
                awaitAdmin(i);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Path write(Path dir, int i) {
        Node me = nodes.get(i);
        StringBuilder yaml = new StringBuilder("""
                dyn_o_mite:
                  listen: 127.0.0.1:%d
                  dyn_listen: 127.0.0.1:%d
                  stats_listen: 127.0.0.1:%d
                  datacenter: dc1
                  rack: %s
                  tokens: '%d'
                  hash_tag: "{}"
                  io_threads: 1
                """.formatted(me.client(), me.peer(), me.admin(), me.rack(), me.token()));
        // Every node's own directory: the embedded store's files, and its hints.
        yaml.append("  data_dir: %s\n".formatted(dir.resolve("data-" + i)));
        if (servers.isEmpty()) {
            yaml.append("  datastore: leveldb\n");
        } else {
            yaml.append("  servers:\n  - 127.0.0.1:%d:1\n".formatted(servers.get(i).port()));
        }
        yaml.append(extraYaml).append("  dyn_seeds:\n");
        for (int j = 0; j < nodes.size(); j++) {
            Node other = nodes.get(j);
            if (j != i) {
                yaml.append("  - 127.0.0.1:%d:%s:dc1:%d%n".formatted(other.peer(), other.rack(), other.token()));
            }
        }
        try {
            return Files.writeString(dir.resolve("node-" + i + ".yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int size() {
        return nodes.size();
    }

    Node node(int i) {
        return nodes.get(i);
    }

    String admin(int i) {
        return "127.0.0.1:" + nodes.get(i).admin();
    }

    HostAndPort client(int i) {
        return new HostAndPort("127.0.0.1", nodes.get(i).client());
    }

    /** Every node's client and admin address by peer address: nodes share a host, so no port convention holds. */
    Map<String, HostSupplier.NodeAddresses> addresses() {
        Map<String, HostSupplier.NodeAddresses> out = new HashMap<>();
        for (Node n : nodes) {
            out.put("127.0.0.1:" + n.peer(), new HostSupplier.NodeAddresses(new HostAndPort("127.0.0.1", n.client()),
                    new HostAndPort("127.0.0.1", n.admin())));
        }
        return out;
    }

    /** SIGKILL of node {@code i}. */
    void kill(int i) throws InterruptedException {
        processes.get(i).kill();
    }

    /** SIGSTOP of node {@code i}: frozen, its connections open; returns once every thread is stopped. */
    void pause(int i) {
        processes.get(i).pause();
    }

    /** SIGCONT of node {@code i}. */
    void resume(int i) {
        processes.get(i).resume();
    }

    /** The redis-server behind node {@code i} (a {@link Store#REDIS} cluster). */
    RedisServer redis(int i) {
        return servers.get(i);
    }

    /** Node {@code i}'s {@code /info}. */
    JsonNode info(int i) {
        try {
            return JSON.readTree(http.get(new HostAndPort("127.0.0.1", nodes.get(i).admin()), "/info"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts node {@code i} again (same ports, same data) and waits until it answers. */
    void restart(int i) {
        processes.get(i).start();
        processes.get(i).awaitReady();
        awaitAdmin(i);
    }

    /** A node opens its admin port just after its client port: PING answered does not mean /ping is. */
    private void awaitAdmin(int i) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(() -> http.get(new HostAndPort("127.0.0.1", nodes.get(i).admin()), "/ping") != null);
    }

    /** A counter of node {@code i}'s {@code /metrics/json}. */
    long counter(int i, String name) {
        try {
            JsonNode json = JSON.readTree(http.get(new HostAndPort("127.0.0.1", nodes.get(i).admin()), "/metrics/json"));
            return json.path("counters").path(name).asLong(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            processes.forEach(NodeProcess::close);
        } finally {
            servers.forEach(RedisServer::close);
        }
    }
}
