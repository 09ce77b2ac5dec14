package io.dynoj.redis.engine;

import java.util.List;

/** Node-wide commands that need no keys: TIME, LASTSAVE (INFO: {@link InfoCommand}). */
final class ServerCommands {

    private ServerCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("time", c -> {
            long micros = c.now() * 1000;
            return c.array(List.of(Long.toString(micros / 1_000_000), Long.toString(micros % 1_000_000)));
        }).add("lastsave", c -> c.integer(c.now() / 1000));
    }
}
