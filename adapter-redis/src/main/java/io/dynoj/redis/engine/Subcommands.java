package io.dynoj.redis.engine;

import java.util.Locale;

/** Redis 7's checks for container commands (CONFIG GET, FUNCTION FLUSH...): arity per subcommand, unknown names. */
final class Subcommands {

    private Subcommands() {
    }

    /** {@code c} when it has the subcommand's arity (Redis's convention: negative = at least); else Redis's error. */
    static Call arity(Call c, int arity) {
        boolean ok = arity >= 0 ? c.argc() == arity : c.argc() >= -arity;
        if (!ok) {
            throw new RedisError("ERR wrong number of arguments for '" + c.option(0) + "|" + c.option(1) + "' command");
        }
        return c;
    }

    static RedisError unknown(Call c) {
        return new RedisError("ERR unknown subcommand '" + c.string(1) + "'. Try "
                + c.string(0).toUpperCase(Locale.ROOT) + " HELP.");
    }
}
