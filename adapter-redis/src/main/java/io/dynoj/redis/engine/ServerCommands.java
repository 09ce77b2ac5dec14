package io.dynoj.redis.engine;

/** Node-wide commands: DBSIZE, FLUSHALL, INFO, TIME... */
final class ServerCommands {

    private ServerCommands() {
    }

    static void register(CommandRegistry registry) {
    }
}
