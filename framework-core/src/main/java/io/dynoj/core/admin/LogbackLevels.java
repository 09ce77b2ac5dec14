package io.dynoj.core.admin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only class that touches logback, loaded only once {@link LogLevelEndpoint} has seen that
 * logback is SLF4J's backend (it is an optional dependency of framework-core).
 */
final class LogbackLevels {

    private LogbackLevels() {
    }

    /** Sets the root logger to {@code level} (a valid level name); answers the level it had. */
    static String setRoot(String level) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        Level next = Level.toLevel(level);
        // Logged before the change, at WARN, so that it shows under the old level in most cases.
        LoggerFactory.getLogger(LogbackLevels.class).warn("root log level set to {} (was {}) through the admin port",
                next, previous);
        root.setLevel(next);
        return previous == null ? null : previous.toString();
    }
}
