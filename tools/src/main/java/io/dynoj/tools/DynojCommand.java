package io.dynoj.tools;

import io.dynoj.core.config.ConfigException;
import io.dynoj.core.node.DynojNode;
import io.dynoj.core.plugin.InstalledAdapters;
import io.dynoj.core.plugin.Plugins;
import io.dynoj.core.spi.Version;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dynoj}: runs a node in the foreground, like {@code dynomite -c FILE}, and holds the
 * subcommands (check-config, hash, ring, status, decommission, repair, local-cluster).
 * Exit codes: 0 ok, 1 bad configuration, failed start or unreachable node, 2 bad usage.
 */
@Command(name = "dynoj", mixinStandardHelpOptions = true, versionProvider = DynojCommand.VersionProvider.class,
        description = "Runs a Dynoj node: a sharding and replication layer in front of Redis, memcached and embedded stores.",
        subcommands = {CheckConfigCommand.class, HashCommand.class, RingCommand.class, StatusCommand.class,
                DecommissionCommand.class, RepairCommand.class,
                LocalClusterCommand.class, CommandLine.HelpCommand.class})
public final class DynojCommand implements Callable<Integer> {

    @Option(names = {"-c", "--conf-file"}, paramLabel = "FILE", defaultValue = "${sys:dynoj.home:-.}/conf/dynoj.yml",
            description = "Configuration file, Netflix Dynomite's YAML format (default: ${DEFAULT-VALUE}).")
    Path confFile;

    @Option(names = {"-t", "--test-conf"}, description = "Check the configuration file and exit: 0 if it is usable, 1 if not.")
    boolean testOnly;

    @Option(names = {"-v", "--verbosity"}, paramLabel = "LEVEL",
            description = "Log level: error, warn, info, debug or trace (default: info for a node, warn for the tools).")
    String verbosity;

    final PrintWriter out;
    final PrintWriter err;

    DynojCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Optional<NodeArgs> node = NodeArgs.parse(args);
        System.exit(node.isPresent() ? runNode(out, err, node.get()) : run(out, err, args));
    }

    /** A node run without picocli (see {@link NodeArgs}); returns the exit code. */
    static int runNode(PrintWriter out, PrintWriter err, NodeArgs args) {
        DynojCommand command = new DynojCommand(out, err);
        command.confFile = args.confFile();
        command.verbosity = args.verbosity();
        try {
            return command.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            err.println("dynoj: " + e);
            return 1;
        }
    }

    /** Runs the command line; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new DynojCommand(out, err));
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** The log level and the plugins, before anything else; every subcommand starts with this. */
    Plugins start() {
        Cli.logLevel(verbosity);
        return Cli.installPlugins();
    }

    @Override
    public Integer call() throws InterruptedException {
        Plugins plugins = start();
        ConfigCheck check;
        try {
            check = ConfigCheck.of(confFile);
        } catch (ConfigException | IllegalArgumentException | IllegalStateException e) {
            err.println("dynoj: configuration file '" + confFile + "' is invalid: " + e.getMessage());
            return 1;
        }
        if (testOnly) {
            out.println("dynoj: configuration file '" + confFile + "' syntax is valid");
            check.summary().forEach(line -> out.println("  " + line));
            return 0;
        }
        LoggerFactory.getLogger(DynojCommand.class).info("Plugins {} from {}: {}",
                plugins.names(), plugins.directory(), InstalledAdapters.find());
        return runNode(check);
    }

    private int runNode(ConfigCheck check) throws InterruptedException {
        DynojNode node = new DynojNode(check.config());
        try {
            node.start();
        } catch (RuntimeException e) {
            err.println("dynoj: failed to start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "dynoj-shutdown"));
        stopped.await();
        return 0;
    }

    /** Prints {@code dynoj <version>}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dynoj " + Version.get()};
        }
    }
}
