package io.dynoj.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynoj.core.spi.TokenRange;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dynoj repair}: starts an anti-entropy repair of a running node's token ranges against the other
 * racks ({@code POST /repair}) and, with {@code --follow}, shows its progress as a bar until it ends
 * ({@code GET /repair}).
 */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"Repairs a running node's token ranges against their replicas in every other rack and",
                "datacenter (Merkle trees of per-key digests; only differing keys are streamed; the majority of",
                "racks wins). Exit code 0 when started (with --follow: when done), 1 if it fails or cannot start."})
final class RepairCommand implements Callable<Integer> {

    private static final int BAR = 30;

    @ParentCommand
    DynojCommand dynoj;

    @Option(names = {"-a", "--admin"}, paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:22222",
            description = "The node's admin address, its stats_listen (default: ${DEFAULT-VALUE}).")
    String admin;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file whose first line is the node's admin token (its admin_token_file), for POST /repair.")
    java.nio.file.Path tokenFile;

    @Option(names = "--range", paramLabel = "START:END",
            description = "Only the node's tokens in (START, END] (unsigned 32-bit tokens); default: all its ranges.")
    String range;

    @Option(names = {"-f", "--follow"}, description = "Show the progress until the repair ends.")
    boolean follow;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "500",
            description = "How often --follow asks for progress, in ms (default: ${DEFAULT-VALUE}).")
    long intervalMillis;

    @Override
    public Integer call() throws InterruptedException {
        dynoj.start();
        try {
            String path = range == null ? "/repair" : "/repair/" + TokenRange.parse(range);
            AdminClient client = AdminClient.of(admin, tokenFile);
            JsonNode started = client.postJson(path);
            dynoj.out.println("repair of node " + admin + " started: " + started.path("ranges_total").asLong()
                    + " ranges (" + started.path("range").asText() + ")");
            if (!follow) {
                return 0;
            }
            JsonNode p = ProgressFollow.follow(client, "/repair", started, r -> r.path("state").asText().equals("RUNNING"),
                    RepairCommand::line, dynoj.out, intervalMillis);
            dynoj.out.println(summary(p));
            return p.path("state").asText().equals("DONE") ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            dynoj.err.println("dynoj repair: " + e.getMessage());
            return 1;
        }
    }

    /** {@code [#########.....]  45.0%  ranges 3/8  compared 12345  fixed 200  streamed 200 keys 12 KB  ETA 3 s}. */
    static String line(JsonNode p) {
        long eta = p.path("eta_seconds").asLong(-1);
        return bar(p.path("percent").asDouble())
                + "  ranges " + p.path("ranges_done").asLong() + "/" + p.path("ranges_total").asLong()
                + "  compared " + p.path("keys_compared").asLong()
                + "  fixed " + p.path("keys_fixed").asLong()
                + "  streamed " + p.path("keys_streamed").asLong() + " keys " + bytes(p.path("bytes_streamed").asLong())
                + (eta >= 0 ? "  ETA " + eta + " s" : "") + "   ";
    }

    /** {@code [#########.....]  45.0%}: the bar {@code dynoj repair} and {@code dynoj warmup} show. */
    static String bar(double percent) {
        int filled = (int) Math.round(Math.max(0, Math.min(100, percent)) / 100 * BAR);
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + String.format("%5.1f%%", percent);
    }

    static String summary(JsonNode p) {
        String s = "repair " + p.path("state").asText() + " in " + p.path("elapsed_seconds").asDouble() + " s: "
                + p.path("keys_compared").asLong() + " keys compared (" + p.path("keys_compared_per_second").asLong()
                + "/s), " + p.path("keys_fixed").asLong() + " fixed (" + p.path("keys_streamed").asLong() + " streamed, "
                + p.path("keys_deleted").asLong() + " deleted), " + p.path("conflicts").asLong() + " without a majority";
        return p.has("error") ? s + "; " + p.path("error").asText() : s;
    }

    static String bytes(long n) {
        return n < 10_000 ? n + " B" : n < 10_000_000 ? n / 1024 + " KB" : n / (1024 * 1024) + " MB";
    }
}
