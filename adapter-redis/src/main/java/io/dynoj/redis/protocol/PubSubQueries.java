package io.dynoj.redis.protocol;

import io.dynoj.core.spi.PubSub;
import io.dynoj.redis.engine.Glob;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PUBSUB CHANNELS, NUMSUB and NUMPAT, answered from this node's subscribers only (each node keeps its own
 * clients' subscriptions; a message still reaches every node's). SHARDCHANNELS and SHARDNUMSUB answer as a
 * Redis without shard channels. Stateless.
 */
final class PubSubQueries {

    private PubSubQueries() {
    }

    static ByteBuf answer(RedisRequest r, ByteBufAllocator alloc, PubSub hub) {
        String sub = r.argString(1).toLowerCase(Locale.ROOT);
        switch (sub) {
            case "channels", "shardchannels" -> {
                if (r.argc() > 3) {
                    return wrongArity(alloc, sub);
                }
                if (sub.equals("shardchannels")) {
                    return RespWriter.array(alloc, List.of());
                }
                Glob filter = r.argc() == 3 ? Glob.of(PubSubCommands.bytes(r, 2)) : null;
                return RespWriter.array(alloc, hub.channels(c -> filter == null || filter.matches(c)));
            }
            case "numsub", "shardnumsub" -> {
                List<Object> out = new ArrayList<>();
                for (int i = 2; i < r.argc(); i++) {
                    byte[] channel = PubSubCommands.bytes(r, i);
                    out.add(channel);
                    out.add(sub.equals("numsub") ? (long) hub.subscribers(channel) : 0L);
                }
                return RespWriter.array(alloc, out);
            }
            case "numpat" -> {
                return r.argc() == 2 ? RespWriter.integer(alloc, hub.patterns()) : wrongArity(alloc, sub);
            }
            case "help" -> {
                return RespWriter.array(alloc, List.of(
                        "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "CHANNELS [<pattern>]", "    Return the currently active channels matching a <pattern> (default: '*').",
                        "NUMPAT", "    Return number of subscriptions to patterns.",
                        "NUMSUB [<channel> ...]", "    Return the number of subscribers for the specified channels, excluding",
                        "    pattern subscriptions(default: no channels).",
                        "HELP", "    Print this help."));
            }
            default -> {
                return RespWriter.error(alloc, "unknown subcommand '" + r.argString(1) + "'. Try PUBSUB HELP.");
            }
        }
    }

    private static ByteBuf wrongArity(ByteBufAllocator alloc, String sub) {
        return RespWriter.error(alloc, "wrong number of arguments for 'pubsub|" + sub + "' command");
    }
}
