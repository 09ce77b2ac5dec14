package io.dynoj.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dynoj ring}: a running node's topology and the token ranges of each rack, from its
 * {@code /cluster_describe}; or, with {@code --zookeeper}, the cluster as ZooKeeper holds it
 * ({@link ZooKeeperRing}).
 */
@Command(name = "ring", mixinStandardHelpOptions = true,
        description = {"Prints a running node's view of the cluster: datacenters, racks, nodes, the state the node "
                + "sees each one in (UP, SUSPECT, DOWN), and the hashes each token owns.",
                "Reads the node's admin endpoint /cluster_describe, or with --zookeeper the members and token claims "
                        + "in ZooKeeper. Exit code 1 if the node or ZooKeeper cannot be reached."})
final class RingCommand implements Callable<Integer> {

    @ParentCommand
    DynojCommand dynoj;

    @Option(names = {"-a", "--admin"}, paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:22222",
            description = "The node's admin address, its stats_listen (default: ${DEFAULT-VALUE}).")
    String admin;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file whose first line is the node's admin token (its admin_token_file).")
    java.nio.file.Path tokenFile;

    @Option(names = "--zookeeper", paramLabel = "HOST:PORT[/ROOT]",
            description = "Show the cluster as ZooKeeper holds it (the nodes' zookeeper.connect; ROOT is their "
                    + "zookeeper.root, default /dynoj) instead of asking a node.")
    String zookeeper;

    @Option(names = "--cluster", paramLabel = "NAME", defaultValue = "dyn_o_mite",
            description = "With --zookeeper: the nodes' cluster_name (default: ${DEFAULT-VALUE}, the default pool name).")
    String cluster;

    @Option(names = "--auth", paramLabel = "USER:PASSWORD",
            description = "With --zookeeper: the nodes' zookeeper.auth, when they set one.")
    String auth;

    private record Entry(long token, String server, boolean local, String state) {
    }

    @Override
    public Integer call() throws InterruptedException {
        dynoj.start();
        if (zookeeper != null) {
            return new ZooKeeperRing(dynoj.out, dynoj.err).print(zookeeper, cluster, auth);
        }
        JsonNode cluster;
        try {
            cluster = AdminClient.of(admin, tokenFile).getJson("/cluster_describe");
        } catch (IOException | IllegalArgumentException e) {
            dynoj.err.println("dynoj ring: " + e.getMessage());
            return 1;
        }
        dynoj.out.println("topology version " + cluster.path("version").asText("?") + " as node " + admin + " sees it, from "
                + cluster.path("source").asText("?") + ", changed " + cluster.path("changed_at").asText("?"));
        for (JsonNode dc : cluster.path("dcs")) {
            dynoj.out.println(dc.path("name").asText());
            for (JsonNode rack : dc.path("racks")) {
                dynoj.out.println("  " + rack.path("name").asText());
                printRack(rack);
            }
        }
        return 0;
    }

    void printRack(JsonNode rack) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode server : rack.path("servers")) {
            String name = server.path("host").asText() + ":" + server.path("port").asText();
            for (JsonNode token : server.path("token")) {
                entries.add(new Entry(token.asLong(), name, server.path("local").asBoolean(),
                        server.path("state").asText("?")));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::token));
        List<TokenRanges.Range> ranges = TokenRanges.of(entries.stream().map(Entry::token).toList());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            TokenRanges.Range r = ranges.get(i);
            dynoj.out.println(String.format(Locale.ROOT, "    %-22s %-7s token %-10d owns %s (%.1f%%)%s",
                    e.server(), e.state(), e.token(), r, 100 * r.share(), e.local() ? "  <- this node" : ""));
        }
    }
}
