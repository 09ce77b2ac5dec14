package io.dynoj.tools;

import io.dynoj.core.plugin.Plugins;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What every command does first: the log level, the distribution's home and its plugins.
 * {@code bin/dynoj} sets {@code -Ddynoj.home}; {@code -Ddynoj.plugins} points elsewhere (tests).
 */
final class Cli {

    private Cli() {
    }

    /** Sets the log level read by logback.xml; must run before the first logger is made. */
    static void logLevel(String verbosity) {
        if (verbosity != null) {
            System.setProperty("dynoj.log.level", verbosity.toUpperCase(Locale.ROOT));
        }
    }

    /** {@code DYNOJ_HOME}, or {@code null} when not run from a distribution. */
    static Path home() {
        String home = System.getProperty("dynoj.home");
        return home == null || home.isBlank() ? null : Path.of(home).toAbsolutePath().normalize();
    }

    /** {@code -Ddynoj.plugins}, else {@code DYNOJ_HOME/plugins}, else none (the class path alone). */
    static Path pluginsDirectory() {
        String plugins = System.getProperty("dynoj.plugins");
        if (plugins != null && !plugins.isBlank()) {
            return Path.of(plugins).toAbsolutePath().normalize();
        }
        Path home = home();
        return home == null ? null : home.resolve("plugins");
    }

    /** Reads the plugins and makes every adapter lookup go through them. */
    static Plugins installPlugins() {
        return Plugins.scan(pluginsDirectory()).install();
    }
}
