package io.dynoj.tools;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code dynoj decommission}: a running node leaves the ring on every node (its admin {@code /decommission}). */
@Command(name = "decommission", mixinStandardHelpOptions = true,
        description = {"Makes a running node leave the ring everywhere (/decommission; needs enable_gossip: true).",
                "Stop it once 'dynoj ring' on another node no longer lists it. Exit code 0 if it leaves, 1 if not."})
final class DecommissionCommand implements Callable<Integer> {

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
            dynoj.out.println("node " + admin + ": " + AdminClient.of(admin, tokenFile).get("/decommission").trim());
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            dynoj.err.println("dynoj decommission: " + e.getMessage());
            return 1;
        }
    }
}
