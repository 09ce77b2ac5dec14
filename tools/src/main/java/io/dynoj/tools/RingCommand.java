package io.dynoj.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynoj.core.config.HostPort;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code dynoj ring}: a running node's topology and the token ranges of each rack, from its {@code /cluster_describe}. */
@Command(name = "ring", mixinStandardHelpOptions = true,
        description = {"Prints a running node's view of the cluster: datacenters, racks, nodes, and the hashes each token owns.",
                "Reads the node's admin endpoint /cluster_describe. Exit code 1 if the node cannot be reached."})
final class RingCommand implements Callable<Integer> {

    @ParentCommand
    DynojCommand dynoj;

    @Option(names = {"-a", "--admin"}, paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:22222",
            description = "The node's admin address, its stats_listen (default: ${DEFAULT-VALUE}).")
    String admin;

    private record Entry(long token, String server, boolean local) {
    }

    @Override
    public Integer call() throws InterruptedException {
        dynoj.start();
        JsonNode cluster;
        try {
            cluster = new AdminClient(HostPort.parse(admin)).getJson("/cluster_describe");
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

    private void printRack(JsonNode rack) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode server : rack.path("servers")) {
            String name = server.path("host").asText() + ":" + server.path("port").asText();
            for (JsonNode token : server.path("token")) {
                entries.add(new Entry(token.asLong(), name, server.path("local").asBoolean()));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::token));
        List<TokenRanges.Range> ranges = TokenRanges.of(entries.stream().map(Entry::token).toList());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            TokenRanges.Range r = ranges.get(i);
            dynoj.out.println(String.format(Locale.ROOT, "    %-22s token %-10d owns %s (%.1f%%)%s",
                    e.server(), e.token(), r, 100 * r.share(), e.local() ? "  <- this node" : ""));
        }
    }
}
