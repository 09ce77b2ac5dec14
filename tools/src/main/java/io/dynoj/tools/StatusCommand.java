package io.dynoj.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code dynoj status}: whether a node answers, its state and its consistency levels, from its admin endpoints. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Asks a running node whether it is up (/ping), its state (/state/get_state), its consistency",
                "levels (/get_consistency) and its hints for other nodes (/info). Exit code 0 if it answers, 1 if not."})
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    DynojCommand dynoj;

    @Option(names = {"-a", "--admin"}, paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:22222",
            description = "The node's admin address, its stats_listen (default: ${DEFAULT-VALUE}).")
    String admin;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file whose first line is the node's admin token (its admin_token_file).")
    java.nio.file.Path tokenFile;

    @Override
    public Integer call() throws InterruptedException {
        dynoj.start();
        try {
            AdminClient client = AdminClient.of(admin, tokenFile);
            String ping = client.get("/ping").trim();
            dynoj.out.println("node " + admin + ": " + ping);
            // Dynomite's text form, "State: NORMAL".
            dynoj.out.println("state: " + client.get("/state/get_state").trim().replaceFirst("^State: ", ""));
            JsonNode consistency = client.getJson("/get_consistency");
            dynoj.out.println("consistency: read " + field(consistency, "read") + ", write " + field(consistency, "write"));
            hints(client.getJson("/info").path("hints"));
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            dynoj.err.println("dynoj status: " + e.getMessage());
            return 1;
        }
    }

    /** One line of hinted handoff's totals, then one per node that has hints pending or needs a full repair. */
    private void hints(JsonNode hints) {
        if (hints.isMissingNode()) {
            return;
        }
        dynoj.out.println("hints: stored " + hints.path("stored").asLong() + ", replayed " + hints.path("replayed").asLong()
                + ", keys copied " + hints.path("key_repairs").asLong() + ", dropped " + hints.path("dropped").asLong());
        hints.path("targets").fields().forEachRemaining(t -> {
            JsonNode v = t.getValue();
            if (v.path("pending_bytes").asLong() > 0 || v.path("needs_full_repair").asBoolean()) {
                dynoj.out.println("  for " + t.getKey() + ": " + v.path("pending_bytes").asLong() + " bytes pending"
                        + (v.path("needs_full_repair").asBoolean() ? ", NEEDS A FULL REPAIR (bin/dynoj repair)" : ""));
            }
        });
    }

    /** The field, or the whole answer when it has another shape (the admin API may grow). */
    private static String field(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value != null && value.isValueNode() ? value.asText() : json.toString();
    }
}
