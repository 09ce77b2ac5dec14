package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** Node-wide commands that need no keys: TIME, INFO, LASTSAVE. */
final class ServerCommands {

    private ServerCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("time", c -> {
            long micros = c.now() * 1000;
            return c.array(List.of(Long.toString(micros / 1_000_000), Long.toString(micros % 1_000_000)));
        }).add("lastsave", c -> c.integer(c.now() / 1000))
                .add("info", ServerCommands::info);
    }

    private static ByteBuf info(Call c) {
        String text = "# Server\r\n"
                + "redis_version:7.0.15\r\n"
                + "redis_mode:standalone\r\n"
                + "dynoj_datastore:" + c.state().storeType() + "\r\n"
                + "\r\n# Keyspace\r\n";
        return c.bulk(text);
    }
}
