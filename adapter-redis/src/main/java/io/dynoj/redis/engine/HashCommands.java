package io.dynoj.redis.engine;

/** Redis hash commands (placeholder until written). */
final class HashCommands {

    private HashCommands() {
    }

    static void register(CommandRegistry registry) {
    }
}
