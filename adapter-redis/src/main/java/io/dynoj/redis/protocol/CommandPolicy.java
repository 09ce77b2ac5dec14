package io.dynoj.redis.protocol;

import java.util.Set;

/**
 * Dynoj's choices on top of Redis's command table: what the node answers itself and what a proxy
 * in front of a shared, pipelined datastore connection must refuse.
 */
final class CommandPolicy {

    /**
     * Answered by the node: they concern the client's connection, not data. CONFIG is not among
     * them: a redis-server answers CONFIG GET with its own settings, the embedded engine with its own.
     * MULTI, EXEC, DISCARD, WATCH and UNWATCH are the connection's {@link TransactionHandler}'s.
     */
    static final Set<String> LOCAL = Set.of(
            "ping", "echo", "quit", "select", "command", "hello", "client", "auth", "reset", "dynoj",
            DynoConfig.COMMAND, "subscribe", "unsubscribe", "psubscribe", "punsubscribe", "publish", "pubsub",
            "multi", "exec", "discard", "watch", "unwatch", "acl");

    /**
     * Refused with {@code -ERR}: blocking or shard-subscribing commands would tie up the datastore connection
     * that many clients share (SUBSCRIBE and PSUBSCRIBE are the node's: {@link PubSubCommands}; transactions
     * the connection's: {@link TransactionHandler}), and replication/cluster management belongs to the
     * operator of each datastore, not to clients of the proxy.
     */
    static final Set<String> UNSUPPORTED = Set.of(
            "ssubscribe", "sunsubscribe",
            "monitor", "sync", "psync", "replconf", "replicaof", "slaveof", "failover", "wait", "waitaof",
            "shutdown", "debug", "cluster", "readonly", "readwrite", "asking", "migrate", "move",
            "swapdb", "module", "restore-asking");

    /**
     * Commands Redis flags {@code blocking} that are refused for the same reason, except XREAD and
     * XREADGROUP, which only block with a {@code BLOCK} argument (refused by the decoder then).
     */
    static final String BLOCKING_FLAG = "blocking";

    static final Set<String> BLOCKING_ONLY_WITH_ARGUMENT = Set.of("xread", "xreadgroup");

    /**
     * Blocking commands the node serves itself at the key's primary, without a datastore connection waiting
     * ({@link BlockingCommands}).
     */
    static final Set<String> SERVED_BLOCKING = BlockingCommands.COMMANDS;

    /**
     * Redis does not flag these {@code write}, but a script may write: they are replicated like
     * writes (run on every replica). Their {@code _RO} forms are reads.
     */
    static final Set<String> SCRIPTS_THAT_MAY_WRITE = Set.of("eval", "evalsha", "fcall");

    /**
     * Redis flags these containers neither {@code write} nor {@code readonly}, but the subcommands that
     * name a key change it (XGROUP CREATE, SETID, DESTROY, CREATECONSUMER, DELCONSUMER): they are writes,
     * ordered by the key's primary and replicated; XGROUP HELP names no key and stays on the node.
     */
    static final Set<String> CONTAINERS_THAT_WRITE = Set.of("xgroup");

    /**
     * Writes Redis does not tip {@code nondeterministic_output} that still record the server's clock
     * (XREADGROUP: each entry's delivery time): replicated as their effect with the primary's time.
     */
    static final Set<String> RECORD_THE_TIME = Set.of("xreadgroup");

    /**
     * Commands of kind READ (keys, no {@code write} flag) that still do something a second run would repeat:
     * SPUBLISH delivers a message to a shard channel's subscribers. They are not sent to another replica when
     * theirs fails ({@code isFailoverSafe}).
     */
    static final Set<String> READS_WITH_EFFECTS = Set.of("spublish");

    private CommandPolicy() {
    }
}
