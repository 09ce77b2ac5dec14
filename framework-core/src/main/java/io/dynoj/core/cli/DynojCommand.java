package io.dynoj.core.cli;

import io.dynoj.core.config.ConfigException;
import io.dynoj.core.config.ConfigLoader;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.node.DynojNode;
import io.dynoj.core.node.Version;
import io.dynoj.core.spi.DatastoreProvider;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.ProviderLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dynoj}: runs a node in the foreground, like {@code dynomite -c FILE}.
 * Exit codes: 0 ok, 1 bad configuration or failed start, 2 bad usage.
 */
@Command(name = "dynoj", mixinStandardHelpOptions = true, versionProvider = DynojCommand.VersionProvider.class,
        description = "Runs a Dynoj node: a sharding and replication layer in front of Redis and memcached.")
public final class DynojCommand implements Callable<Integer> {

    @Option(names = {"-c", "--conf-file"}, paramLabel = "FILE", defaultValue = "${sys:dynoj.home:-.}/conf/dynoj.yml",
            description = "Configuration file, Netflix Dynomite's YAML format (default: ${DEFAULT-VALUE}).")
    Path confFile;

    @Option(names = {"-t", "--test-conf"}, description = "Check the configuration file and exit: 0 if it is usable, 1 if not.")
    boolean testOnly;

    @Option(names = {"-v", "--verbosity"}, paramLabel = "LEVEL",
            description = "Log level: error, warn, info, debug or trace (default: info).")
    String verbosity;

    private final PrintWriter out;
    private final PrintWriter err;

    DynojCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new DynojCommand(out, err));
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (verbosity != null) {
            // Read by logback.xml; set before the first logger is made.
            System.setProperty("dynoj.log.level", verbosity.toUpperCase(java.util.Locale.ROOT));
        }
        NodeConfig config;
        try {
            config = ConfigLoader.load(confFile);
            checkPlugins(config);
        } catch (ConfigException | IllegalStateException e) {
            err.println("dynoj: configuration file '" + confFile + "' is invalid: " + e.getMessage());
            return 1;
        }
        if (testOnly) {
            out.println("dynoj: configuration file '" + confFile + "' syntax is valid");
            return 0;
        }
        return runNode(config);
    }

    private static void checkPlugins(NodeConfig config) {
        ProtocolAdapter protocol = ProviderLoader.protocol(config.protocol());
        DatastoreProvider datastore = ProviderLoader.datastore(config.datastoreType());
        if (!datastore.protocols().contains(protocol.name())) {
            throw new IllegalStateException("datastore '" + datastore.type() + "' cannot serve protocol '"
                    + protocol.name() + "'");
        }
    }

    private int runNode(NodeConfig config) throws InterruptedException {
        DynojNode node = new DynojNode(config);
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
