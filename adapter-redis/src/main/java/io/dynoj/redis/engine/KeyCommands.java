package io.dynoj.redis.engine;

/** Redis key commands: DEL, EXISTS, TYPE, expiry, RENAME, SCAN. */
final class KeyCommands {

    private KeyCommands() {
    }

    static void register(CommandRegistry registry) {
    }
}
