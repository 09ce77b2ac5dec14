package io.dynoj.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dynoj warmup}: starts a warm-up of a running node from the other racks ({@code POST /warmup}), or,
 * with {@code --follow} while one is running already, follows it: a progress bar with the keys and bytes
 * copied, the rate, the ETA and the source node ({@code GET /warmup}) until it ends.
 */
@Command(name = "warmup", mixinStandardHelpOptions = true,
        description = {"Fills a running node's datastore from the same ranges of another rack (the node is WRITES_ONLY",
                "meanwhile, then RESUMING, then NORMAL). Exit code 0 when started (with --follow: when DONE), 1 if it",
                "cannot start, or stalls for want of a source (the node stays WRITES_ONLY and tries again)."})
final class WarmupCommand implements Callable<Integer> {

    private static final Set<String> RUNNING = Set.of("WARMING", "RESUMING");

    @ParentCommand
    DynojCommand dynoj;

    @Option(names = {"-a", "--admin"}, paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:22222",
            description = "The node's admin address, its stats_listen (default: ${DEFAULT-VALUE}).")
    String admin;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file whose first line is the node's admin token (its admin_token_file), for POST /warmup.")
    java.nio.file.Path tokenFile;

    @Option(names = {"-f", "--follow"}, description = "Show the progress until the warm-up ends (follows one already running).")
    boolean follow;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "500",
            description = "How often --follow asks for progress, in ms (default: ${DEFAULT-VALUE}).")
    long intervalMillis;

    @Override
    public Integer call() throws InterruptedException {
        dynoj.start();
        try {
            AdminClient client = AdminClient.of(admin, tokenFile);
            JsonNode p = client.getJson("/warmup");
            if (!RUNNING.contains(p.path("state").asText()) || !follow) {
                p = client.postJson("/warmup");
                dynoj.out.println("warm-up of node " + admin + " started: " + p.path("ranges_total").asLong() + " ranges");
            }
            if (!follow) {
                return 0;
            }
            p = ProgressFollow.follow(client, "/warmup", p, r -> RUNNING.contains(r.path("state").asText()),
                    WarmupCommand::line, dynoj.out, intervalMillis);
            dynoj.out.println(summary(p));
            return p.path("state").asText().equals("DONE") ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            dynoj.err.println("dynoj warmup: " + e.getMessage());
            return 1;
        }
    }

    /** {@code [#####.....]  45.0%  WARMING from n1  copied 12345 keys 3 MB  5000 keys/s 1.2 MB/s  ETA 12 s}. */
    static String line(JsonNode p) {
        long eta = p.path("eta_seconds").asLong(-1);
        return RepairCommand.bar(p.path("percent").asDouble()) + "  " + p.path("state").asText()
                + " from " + p.path("source").asText("?")
                + "  copied " + p.path("keys_copied").asLong() + " keys " + RepairCommand.bytes(p.path("bytes_copied").asLong())
                + "  " + p.path("keys_per_second").asLong() + " keys/s "
                + RepairCommand.bytes(p.path("bytes_per_second").asLong()) + "/s"
                + (eta >= 0 ? "  ETA " + eta + " s" : "") + "   ";
    }

    static String summary(JsonNode p) {
        String s = "warm-up " + p.path("state").asText() + " in " + p.path("elapsed_seconds").asDouble() + " s: "
                + p.path("keys_copied").asLong() + " keys (" + RepairCommand.bytes(p.path("bytes_copied").asLong())
                + ") copied from " + p.path("source").asText("?") + " (" + p.path("keys_per_second").asLong() + " keys/s), "
                + p.path("keys_deleted").asLong() + " deleted, " + p.path("keys_skipped_written").asLong()
                + " left to writes made meanwhile, " + p.path("resuming_passes").asLong() + " resuming passes";
        if (p.path("state").asText().equals("STALLED")) {
            s += "; the node stays WRITES_ONLY and tries again";
        }
        return p.has("error") ? s + "; " + p.path("error").asText() : s;
    }
}
