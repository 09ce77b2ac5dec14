package io.dynoj.redis.engine;

/** Redis list commands (placeholder until written). */
final class ListCommands {

    private ListCommands() {
    }

    static void register(CommandRegistry registry) {
    }
}
