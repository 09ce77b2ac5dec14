package io.dynoj.client.routing;

import io.dynoj.client.topology.ClusterView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandFlagsRegistry;
import redis.clients.jedis.StaticCommandFlagsRegistry;

/**
 * Turns a Jedis command into an {@link Operation}: its keys as Jedis marked them ({@code CommandArguments.key}),
 * hashed as the cluster hashes them, and whether it writes, from Jedis's copy of Redis's command flags.
 * Stateless and thread-safe.
 */
public final class CommandClassifier {

    /** Redis does not flag scripts {@code write}, but the node replicates them as writes (they may write). */
    private static final Set<String> SCRIPTS_THAT_MAY_WRITE = Set.of("EVAL", "EVALSHA", "FCALL");

    private final CommandFlagsRegistry flags = StaticCommandFlagsRegistry.registry();

    public Operation classify(ClusterView view, CommandArguments args) {
        String command = name(args);
        boolean write = SCRIPTS_THAT_MAY_WRITE.contains(command)
                || flags.getFlags(args).contains(CommandFlagsRegistry.CommandFlag.WRITE);
        return new Operation(command, write, token(view, args.getKeys()));
    }

    /** The common token of the keys, or {@link Operation#NO_TOKEN} when there are none or they part ways. */
    public static long token(ClusterView view, List<Object> keys) {
        if (keys.isEmpty()) {
            return Operation.NO_TOKEN;
        }
        long first = view.token(bytes(keys.get(0)));
        for (int i = 1; i < keys.size(); i++) {
            if (!Placement.sameNodes(view, first, view.token(bytes(keys.get(i))))) {
                return Operation.NO_TOKEN;
            }
        }
        return first;
    }

    /** A key's bytes as Jedis sends them (Strings in UTF-8, as its SafeEncoder does). */
    public static byte[] bytes(Object key) {
        return key instanceof byte[] b ? b : key.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String name(CommandArguments args) {
        return new String(args.getCommand().getRaw(), StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
    }
}
