package io.dynoj.core.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * {@code /setloglevel/<level>}: sets the root logger's level, as Dynomite's endpoint of that name does.
 * The level is a name ({@code error}, {@code warn}, {@code info}, {@code debug}, {@code trace},
 * {@code off}, any case) or one of Dynomite's numbers 0-11 (0-3 error, 4 warn, 5-6 info, 7 debug,
 * 8-11 trace), so Dynomite scripts keep working. Answers {@code {"level": new, "previous": old}};
 * an unknown level is a 400 naming the valid ones, and a 501 when the node does not log through logback
 * (the only backend whose levels Dynoj knows how to change).
 */
final class LogLevelEndpoint implements AdminEndpoint {

    static final List<String> LEVELS = List.of("off", "error", "warn", "info", "debug", "trace");

    @Override
    public AdminResponse handle(AdminRequest request) {
        if (request.rest().size() != 1) {
            return AdminResponse.error(HttpResponseStatus.BAD_REQUEST,
                    "expected /setloglevel/<level>, got " + request.path() + "; levels: " + LEVELS + " or 0-11");
        }
        String level = level(request.rest().get(0));
        if (level == null) {
            return AdminResponse.error(HttpResponseStatus.BAD_REQUEST, "unknown log level '" + request.rest().get(0)
                    + "'; expected one of " + LEVELS + " or Dynomite's 0-11");
        }
        // Only touch logback's classes once it is known to be there (it is an optional dependency).
        if (!LoggerFactory.getILoggerFactory().getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            return AdminResponse.error(HttpResponseStatus.NOT_IMPLEMENTED, "the node logs through "
                    + LoggerFactory.getILoggerFactory().getClass().getName() + ", not logback; its level cannot be set here");
        }
        String previous = LogbackLevels.setRoot(level);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("level", level.toUpperCase(Locale.ROOT));
        answer.put("previous", previous);
        return AdminResponse.json(answer);
    }

    /** The level name {@code text} stands for, lower case, or {@code null} if none. */
    static String level(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (LEVELS.contains(lower)) {
            return lower;
        }
        int number;
        try {
            number = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return null;
        }
        // Dynomite: EMERG ALERT CRIT ERR (0-3), WARN (4), NOTICE INFO (5-6), DEBUG (7), VERB..PVERB (8-11).
        if (number < 0 || number > 11) {
            return null;
        }
        return number <= 3 ? "error" : number == 4 ? "warn" : number <= 6 ? "info" : number == 7 ? "debug" : "trace";
    }
}
