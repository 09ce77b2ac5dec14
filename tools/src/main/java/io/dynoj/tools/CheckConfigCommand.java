package io.dynoj.tools;

import io.dynoj.core.config.ConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code dynoj check-config FILE}: {@code dynoj -t -c FILE}, as a subcommand. Exit 0 usable, 1 not. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = {"Checks a configuration file: it parses, its protocol and datastore are installed and fit together.",
                "Prints what the node would do. Exit code 0 if usable, 1 if not (with the reason)."})
final class CheckConfigCommand implements Callable<Integer> {

    @ParentCommand
    DynojCommand dynoj;

    @Parameters(paramLabel = "FILE", description = "Configuration file (Dynomite's YAML format).")
    Path file;

    @Override
    public Integer call() {
        dynoj.start();
        try {
            ConfigCheck check = ConfigCheck.of(file);
            dynoj.out.println("dynoj: configuration file '" + file + "' syntax is valid");
            check.summary().forEach(line -> dynoj.out.println("  " + line));
            return 0;
        } catch (ConfigException | IllegalArgumentException | IllegalStateException e) {
            dynoj.err.println("dynoj: configuration file '" + file + "' is invalid: " + e.getMessage());
            return 1;
        }
    }
}
