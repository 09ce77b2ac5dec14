package io.dynoj.redis.protocol;

import io.dynoj.core.spi.RequestKind;
import java.nio.charset.StandardCharsets;

/**
 * What Dynoj knows of one Redis command: arity, where its keys are, and how the node treats it.
 *
 * @param name lower-case command name
 * @param arity Redis's arity: exact argument count (name included) when positive, minimum when negative
 * @param firstKey index of the first key argument, 0 when the command has none
 * @param lastKey index of the last key argument; negative counts from the end (-1 = last argument)
 * @param step distance between key arguments
 * @param kind read, write, admin or local
 * @param handling whether the node forwards it, answers it, or refuses it
 * @param keysRule how to find keys when they move with the arguments ({@code null}: use first/last/step)
 * @param nondeterministic a write whose result the server chooses (Redis 7's {@code nondeterministic_output}
 *     tip: SPOP, XADD *, XCLAIM...) or that records the server's clock (XREADGROUP's delivery times):
 *     replicas must apply the primary's result, not run it again ({@link RedisEffects})
 * @param nondeterministicOutput Redis 7's {@code nondeterministic_output} tip, reads included (SRANDMEMBER,
 *     TIME, TTL...): what a replicated script must not call ({@link ScriptGuard})
 */
public record CommandSpec(
        String name,
        int arity,
        int firstKey,
        int lastKey,
        int step,
        RequestKind kind,
        Handling handling,
        KeysRule keysRule,
        boolean nondeterministic,
        boolean nondeterministicOutput) {

    /** What the node does with a command. */
    public enum Handling {
        /** Sent to the datastore that owns its keys. */
        FORWARD,
        /** Answered by the node itself. */
        LOCAL,
        /** Refused with an error; the connection stays open. */
        UNSUPPORTED
    }

    /** Commands whose keys are announced by a count among the arguments (EVAL, ZUNIONSTORE...). */
    public enum KeysRule {
        /** {@code numkeys} at argument 2, keys from 3 (EVAL, EVALSHA, FCALL). */
        NUMKEYS_AT_2,
        /** {@code numkeys} at argument 1, keys from 2 (ZUNION, SINTERCARD, LMPOP...). */
        NUMKEYS_AT_1,
        /** Destination at 1, {@code numkeys} at 2, keys from 3 (ZUNIONSTORE...). */
        DEST_THEN_NUMKEYS_AT_2,
        /** Keys are the first half of the arguments after {@code STREAMS} (XREAD, XREADGROUP). */
        AFTER_STREAMS,
        /** The key is argument 2 (OBJECT ENCODING key, MEMORY USAGE key, XINFO STREAM key...). */
        SUBCOMMAND_KEY,
        /** The sorted key at 1, then STORE's destination when there is one (SORT). */
        SORT
    }

    /** This command as a read: SORT without STORE. */
    CommandSpec asRead() {
        return new CommandSpec(name, arity, firstKey, lastKey, step, RequestKind.READ, handling, keysRule, false,
                nondeterministicOutput);
    }

    public boolean arityAccepts(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    byte[] nameBytes() {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
