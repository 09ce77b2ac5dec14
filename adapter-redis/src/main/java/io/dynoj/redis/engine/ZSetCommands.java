package io.dynoj.redis.engine;

/** Redis zset commands (placeholder until written). */
final class ZSetCommands {

    private ZSetCommands() {
    }

    static void register(CommandRegistry registry) {
    }
}
