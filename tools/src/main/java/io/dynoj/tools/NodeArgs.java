package io.dynoj.tools;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The command line of a node run ({@code dynoj}, {@code dynoj -c FILE}, {@code -v LEVEL}), read without picocli.
 * Picocli builds the model of every subcommand by reflection before it parses anything, and its classes (Java 5
 * class files) are the only ones the class-data sharing archive cannot hold: half a second of CPU that a
 * restarting node, part of a failure's recovery time, does not need (docs/PERFORMANCE.md, start-up).
 * Anything else (a subcommand, {@code -t}, {@code -h}, {@code -V}, an option in another spelling, a bad one)
 * is not a node run here and goes to picocli, which also reports usage errors.
 */
record NodeArgs(Path confFile, String verbosity) {

    /** The node's arguments, or empty when {@code args} are not a plain node run. */
    static Optional<NodeArgs> parse(String... args) {
        Path conf = Path.of(System.getProperty("dynoj.home", ".") + "/conf/dynoj.yml");
        String verbosity = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("-");
            if ((arg.equals("-c") || arg.equals("--conf-file")) && hasValue) {
                conf = Path.of(args[++i]);
            } else if ((arg.equals("-v") || arg.equals("--verbosity")) && hasValue) {
                verbosity = args[++i];
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new NodeArgs(conf, verbosity));
    }
}
