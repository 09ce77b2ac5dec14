package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CONFIG on the embedded engine: GET (names, aliases and glob patterns, any case, as Redis 7.0),
 * SET (all or nothing; tunable parameters take any valid value, the node's own facts only the
 * value they have), RESETSTAT (the counters INFO shows), REWRITE (there is no config file to write).
 * Texts are Redis 7.0's. On a node in front of redis-server, CONFIG goes to the redis-server instead.
 */
final class ConfigCommands {

    private ConfigCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("config", ConfigCommands::config);
    }

    private static ByteBuf config(Call c) {
        String sub = c.option(1);
        return switch (sub) {
            case "get" -> get(Subcommands.arity(c, -3));
            case "set" -> set(Subcommands.arity(c, -4));
            case "resetstat" -> {
                Subcommands.arity(c, 2).state().stats().reset();
                yield c.ok();
            }
            case "rewrite" -> {
                Subcommands.arity(c, 2);
                throw new RedisError("ERR The server is running without a config file");
            }
            default -> throw Subcommands.unknown(c);
        };
    }

    private static ByteBuf get(Call c) {
        ConfigValues settings = c.state().configValues();
        Map<String, String> matches = new LinkedHashMap<>();
        for (int i = 2; i < c.argc(); i++) {
            String asked = c.string(i);
            if (asked.chars().noneMatch(ch -> ch == '*' || ch == '?' || ch == '[')) {
                ConfigParam p = settings.find(asked);
                if (p != null) {
                    // Redis answers with the name as it was asked for.
                    matches.putIfAbsent(asked, settings.get(p.name()));
                }
                continue;
            }
            Glob pattern = Glob.of(asked.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            for (ConfigParam p : settings.params()) {
                for (String name : p.alias() == null ? List.of(p.name()) : List.of(p.name(), p.alias())) {
                    if (pattern.matches(name.getBytes(StandardCharsets.US_ASCII))) {
                        matches.putIfAbsent(name, settings.get(p.name()));
                    }
                }
            }
        }
        List<Object> reply = new ArrayList<>(matches.size() * 2);
        matches.forEach((name, value) -> {
            reply.add(name);
            reply.add(value);
        });
        return c.array(reply);
    }

    private static ByteBuf set(Call c) {
        if (c.argc() % 2 != 0) {
            throw RedisError.syntax();
        }
        ConfigValues settings = c.state().configValues();
        List<ConfigParam> targets = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 2; i < c.argc(); i += 2) {
            ConfigParam p = settings.find(c.string(i));
            if (p == null) {
                throw new RedisError("ERR Unknown option or number of arguments for CONFIG SET - '" + c.string(i) + "'");
            }
            if (targets.contains(p)) {
                throw failed(c.string(i), "duplicate parameter");
            }
            targets.add(p);
            values.add(c.string(i + 1));
        }
        String[] refusal = settings.set(targets, values);
        if (refusal != null) {
            throw failed(refusal[0], refusal[1]);
        }
        return c.ok();
    }

    private static RedisError failed(String name, String reason) {
        return new RedisError("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason);
    }
}
