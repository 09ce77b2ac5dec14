package io.dynoj.redis.engine;

/** Redis set commands (placeholder until written). */
final class SetCommands {

    private SetCommands() {
    }

    static void register(CommandRegistry registry) {
    }
}
