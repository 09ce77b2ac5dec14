package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Turns a complete multibulk frame into a {@link RedisRequest}: command lookup, arity, keys. */
final class RequestFactory {

    private RequestFactory() {
    }

    /**
     * @param frame the frame, owned by the result (released here when the request is refused)
     * @param args {@code (offset, length)} of each argument relative to the frame; not kept
     */
    static RedisRequest create(CommandTable table, ByteBuf frame, int argc, int[] args) {
        CommandSpec spec = table.find(frame, args[0], args[1]);
        String invalid = invalid(spec, frame, argc, args);
        if (invalid != null) {
            frame.release();
            return RedisRequest.invalid(invalid);
        }
        if (spec.handling() == CommandSpec.Handling.UNSUPPORTED) {
            frame.release();
            return RedisRequest.failed("'" + spec.name() + "' is not supported by Dynoj", false);
        }
        if (BlockingCommands.COMMANDS.contains(spec.name())) {
            // Checked here: the node, not a datastore, runs the wait, so a bad timeout is refused at once.
            int last = 2 * (argc - 1);
            byte[] timeout = new byte[args[last + 1]];
            frame.getBytes(args[last], timeout);
            String refusal = BlockingCommands.timeoutRefusal(timeout);
            if (refusal != null) {
                frame.release();
                return RedisRequest.failed(refusal, false);
            }
        }
        int[] keys = KeyFinder.keys(spec, frame, argc, args);
        if (keys == KeyFinder.BLOCKING) {
            frame.release();
            return RedisRequest.failed(spec.name().toUpperCase() + " with BLOCK is not supported by Dynoj", false);
        }
        if (spec.keysRule() == CommandSpec.KeysRule.SORT && keys.length == 2) {
            // SORT without STORE writes nothing: a read, served by the local rack like SORT_RO.
            spec = spec.asRead();
        }
        // CONFIG's arguments are read by the redis-server datastore, which refuses CONFIG SET.
        boolean keepArgs = spec.handling() == CommandSpec.Handling.LOCAL
                || MultiKeyCommands.BROADCAST_COMMANDS.contains(spec.name()) || "config".equals(spec.name())
                || ScriptGuard.INSPECTED.contains(spec.name());
        int[] kept = keepArgs ? Arrays.copyOf(args, 2 * argc) : null;
        return RedisRequest.command(frame, spec, argc, keys, kept);
    }

    /** Redis's refusal of what is not a command: unknown, or the wrong number of arguments. */
    private static String invalid(CommandSpec spec, ByteBuf frame, int argc, int[] args) {
        if (spec == null) {
            return unknownCommand(frame, argc, args);
        }
        if (!spec.arityAccepts(argc)) {
            return "wrong number of arguments for '" + spec.name() + "' command";
        }
        return null;
    }

    /** Redis 7's text: {@code unknown command 'x', with args beginning with: 'a' 'b' }. */
    private static String unknownCommand(ByteBuf frame, int argc, int[] args) {
        StringBuilder sb = new StringBuilder("unknown command '")
                .append(text(frame, args[0], Math.min(args[1], 128)))
                .append("', with args beginning with: ");
        int budget = 128;
        for (int i = 1; i < argc && budget > 0; i++) {
            int len = Math.min(args[2 * i + 1], budget);
            sb.append('\'').append(text(frame, args[2 * i], len)).append("' ");
            budget -= len;
        }
        return sb.toString();
    }

    private static String text(ByteBuf frame, int offset, int length) {
        return frame.toString(offset, length, StandardCharsets.UTF_8);
    }
}
