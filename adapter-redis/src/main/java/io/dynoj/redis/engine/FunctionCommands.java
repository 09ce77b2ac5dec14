package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * FUNCTION on the embedded engine, which runs no scripts: there are never any functions, so FLUSH
 * answers OK, LIST an empty list, STATS no libraries, DELETE "Library not found" and KILL
 * "NOTBUSY", with Redis 7.0's argument checks. LOAD and RESTORE, which would add functions, are
 * refused. Test suites and tools send FUNCTION FLUSH before they start.
 */
final class FunctionCommands {

    private FunctionCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("function", FunctionCommands::function);
    }

    private static ByteBuf function(Call c) {
        String sub = c.option(1);
        return switch (sub) {
            case "flush" -> flush(Subcommands.arity(c, -2));
            case "list" -> list(Subcommands.arity(c, -2));
            case "stats" -> Subcommands.arity(c, 2).array(java.util.Arrays.asList("running_script", null,
                    "engines", List.of("LUA", List.of("libraries_count", 0L, "functions_count", 0L))));
            case "delete" -> {
                Subcommands.arity(c, 3);
                throw new RedisError("ERR Library not found");
            }
            case "kill" -> {
                Subcommands.arity(c, 2);
                throw new RedisError("NOTBUSY No scripts in execution right now.");
            }
            case "load", "restore", "dump" -> throw new RedisError("ERR FUNCTION " + sub.toUpperCase(java.util.Locale.ROOT)
                    + " is not supported by the '" + c.state().storeType() + "' datastore, which runs no scripts");
            default -> throw Subcommands.unknown(c);
        };
    }

    private static ByteBuf flush(Call c) {
        if (c.argc() > 3) {
            throw new RedisError("ERR unknown subcommand or wrong number of arguments for '" + c.string(1)
                    + "'. Try FUNCTION HELP.");
        }
        if (c.argc() == 3 && !c.option(2).equals("sync") && !c.option(2).equals("async")) {
            throw new RedisError("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
        }
        return c.ok();
    }

    private static ByteBuf list(Call c) {
        boolean withCode = false;
        boolean named = false;
        for (int i = 2; i < c.argc(); i++) {
            String opt = c.option(i);
            if (!withCode && opt.equals("withcode")) {
                withCode = true;
            } else if (!named && opt.equals("libraryname")) {
                if (i >= c.argc() - 1) {
                    throw new RedisError("ERR library name argument was not given");
                }
                named = true;
                i++;
            } else {
                throw new RedisError("ERR Unknown argument " + c.string(i));
            }
        }
        return c.array(List.of());
    }
}
