package io.dynoj.redis.protocol;

import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Redis transaction as one request: the frame {@code MULTI <command>... EXEC}, preceded when the client
 * watched keys by {@code DYNOJ WATCHED <token> <key>...}, the check the primary makes before running it
 * ({@link WatchedKeys}). Its keys are every key of its commands and of the watch, so the router sends it,
 * like any request, to the nodes that hold them: to the keys' primary when one command writes or keys are
 * watched (kind WRITE, ordered with the other writes of its keys), else to the local rack (kind READ). A
 * peer forwards the frame as it is; {@link RespRequestDecoder#decodeComplete} reads it back into a unit.
 *
 * <p>The watch itself is the request {@code DYNOJ WATCH <token> <key>...} ({@link #WATCH}: a read of the
 * keys served by their primary), which registers the keys' versions there under the token.
 *
 * <p>Stateless; the requests it builds are used on one thread at a time, as every request.
 */
public final class TransactionUnit {

    /** Redis's answer to an EXEC after a queued command was refused, code included. */
    public static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";

    /** A unit with a write or a watch: to the primary. */
    static final CommandSpec WRITE_UNIT = new CommandSpec("exec", -1, 0, 0, 0, RequestKind.WRITE,
            CommandSpec.Handling.FORWARD, null, false, false);
    /** A unit that only reads: to the local rack, like a read. */
    static final CommandSpec READ_UNIT = new CommandSpec("exec", -1, 0, 0, 0, RequestKind.READ,
            CommandSpec.Handling.FORWARD, null, false, false);
    /** {@code DYNOJ WATCH <token> <key>...}: registers the keys' versions on their primary. */
    public static final CommandSpec WATCH = new CommandSpec("watch", -4, 0, 0, 0, RequestKind.READ,
            CommandSpec.Handling.FORWARD, null, false, false);

    private static final byte[] MULTI_FRAME = "*1\r\n$5\r\nMULTI\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXEC_FRAME = "*1\r\n$4\r\nEXEC\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DYNOJ = "dynoj".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WATCHED = "watched".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WATCH_WORD = "watch".getBytes(StandardCharsets.US_ASCII);
    /** How the watch check starts after its array header, as {@link RespWriter#command} writes it. */
    private static final byte[] WATCHED_NAME = "$5\r\ndynoj\r\n$7\r\nwatched\r\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * Where a unit's commands are in its frame.
     *
     * @param bounds {@code (offset, length)} of each command relative to the frame, MULTI first and EXEC last
     * @param prefixLength the length of the watch check before MULTI, 0 when nothing is watched
     * @param token the watch's token (0 when nothing is watched)
     * @param deterministic whether no write of the unit has a result the server chooses (SPOP...): replaying
     *     the unit gives every replica the same outcome
     */
    public record Parts(int[] bounds, int prefixLength, long token, boolean deterministic) {

        /** The commands between MULTI and EXEC. */
        public int queued() {
            return bounds.length / 2 - 2;
        }

        public boolean watched() {
            return prefixLength > 0;
        }
    }

    private TransactionUnit() {
    }

    /**
     * The unit of {@code queued} (the frames of the commands, not released), with the watch check of
     * {@code token} over {@code watched} keys when {@code watched} is not empty.
     */
    static RedisRequest build(List<ByteBuf> queued, long token, List<byte[]> watched, ByteBufAllocator alloc) {
        return assemble(watched.isEmpty() ? null : watchCommand(WATCHED, token, watched, alloc), queued, alloc);
    }

    /** The unit of {@code prefix} (the watch check, or null; owned by the unit) and {@code queued} (not released). */
    static RedisRequest assemble(ByteBuf prefix, List<ByteBuf> queued, ByteBufAllocator alloc) {
        CompositeByteBuf frame = alloc.compositeBuffer(queued.size() + 3);
        if (prefix != null) {
            frame.addComponent(true, prefix);
        }
        frame.addComponent(true, Unpooled.wrappedBuffer(MULTI_FRAME));
        for (ByteBuf command : queued) {
            frame.addComponent(true, command.retainedDuplicate());
        }
        frame.addComponent(true, Unpooled.wrappedBuffer(EXEC_FRAME));
        return decode(frame);
    }

    /** The watch check of {@code unit}, retained, or null when it watches nothing. */
    static ByteBuf prefix(RedisRequest unit) {
        return unit.parts().watched()
                ? unit.frame().retainedSlice(unit.frame().readerIndex(), unit.parts().prefixLength()) : null;
    }

    /** {@code DYNOJ WATCH <token> <key>...}, the watch registered on the keys' primary. */
    static RedisRequest watchRequest(long token, List<byte[]> keys, ByteBufAllocator alloc) {
        return RespRequestDecoder.decodeComplete(watchCommand(WATCH_WORD, token, keys, alloc));
    }

    private static ByteBuf watchCommand(byte[] word, long token, List<byte[]> keys, ByteBufAllocator alloc) {
        List<byte[]> args = new ArrayList<>(keys.size() + 3);
        args.add(DYNOJ);
        args.add(word);
        args.add(Long.toString(token).getBytes(StandardCharsets.US_ASCII));
        args.addAll(keys);
        return RespWriter.command(alloc, args);
    }

    /**
     * Whether {@code frame} is a unit, as {@link #assemble} writes one: it starts with {@code MULTI} or with
     * the watch check. A look at its first bytes, as every frame a peer forwards is asked.
     */
    static boolean isUnit(ByteBuf frame) {
        int start = frame.readerIndex();
        if (startsAt(frame, start, MULTI_FRAME)) {
            return true;
        }
        int eol = frame.indexOf(start, Math.min(frame.writerIndex(), start + 16), (byte) '\n');
        return eol > start && frame.getByte(start) == '*' && startsAt(frame, eol + 1, WATCHED_NAME);
    }

    private static boolean startsAt(ByteBuf frame, int index, byte[] bytes) {
        if (frame.writerIndex() - index < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (frame.getByte(index + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code DYNOJ WATCH ...} read as the watch request; anything else is returned as it is. */
    static RedisRequest asWatch(RedisRequest request) {
        if (!"dynoj".equals(request.command()) || request.argc() < 4 || !is(request, 1, WATCH_WORD)) {
            return request;
        }
        int[] args = request.argPositions();
        return RedisRequest.command(request.frame(), WATCH, request.argc(),
                Arrays.copyOfRange(args, 6, 2 * request.argc()), args);
    }

    /** The token of a watch request or of a unit's watch check. */
    public static long token(RedisRequest watch) {
        return Long.parseLong(watch.argString(2));
    }

    /**
     * A whole unit read back: each command decoded for its keys and kind. Takes ownership of
     * {@code frame}; a frame that is not a unit gives a refused request.
     */
    static RedisRequest decode(ByteBuf frame) {
        int start = frame.readerIndex();
        List<Integer> bounds = new ArrayList<>();
        int[] keys = new int[16];
        int keyCount = 0;
        boolean write = false;
        boolean deterministic = true;
        int prefix = 0;
        long token = 0;
        try {
            for (int pos = start; pos < frame.writerIndex(); ) {
                int end = RespScanner.valueEnd(frame, pos);
                if (end < 0) {
                    throw new IllegalArgumentException("incomplete");
                }
                RedisRequest command = RespRequestDecoder.decodeOne(frame.retainedSlice(pos, end - pos));
                try {
                    if (command.refusal() != null) {
                        throw new IllegalArgumentException(command.refusal());
                    }
                    int from = 0;
                    if (pos == start && "dynoj".equals(command.command()) && is(command, 1, WATCHED)) {
                        prefix = end - pos;
                        token = token(command);
                        write = true;
                        from = 3;
                        for (int i = from; i < command.argc(); i++) {
                            keys = add(keys, keyCount++, pos - start + command.argPositions()[2 * i],
                                    command.argPositions()[2 * i + 1]);
                        }
                    } else {
                        bounds.add(pos - start);
                        bounds.add(end - pos);
                        write |= command.kind() == RequestKind.WRITE;
                        deterministic &= command.spec() == null || !command.spec().nondeterministic();
                        for (int k = 0; k < command.keyCount(); k++) {
                            keys = add(keys, keyCount++, pos - start + command.keyOffset(k),
                                    command.keyEnd(k) - command.keyOffset(k));
                        }
                    }
                } finally {
                    command.release();
                }
                pos = end;
            }
        } catch (RuntimeException e) {
            frame.release();
            return RedisRequest.failed("Protocol error: a peer forwarded a transaction that does not decode: "
                    + e.getMessage(), false);
        }
        int[] b = bounds.stream().mapToInt(Integer::intValue).toArray();
        return RedisRequest.unit(frame, write ? WRITE_UNIT : READ_UNIT, Arrays.copyOf(keys, 2 * keyCount), b,
                new Parts(b, prefix, token, deterministic));
    }

    private static int[] add(int[] keys, int index, int offset, int length) {
        int[] out = 2 * index + 1 < keys.length ? keys : Arrays.copyOf(keys, keys.length * 2);
        out[2 * index] = offset;
        out[2 * index + 1] = length;
        return out;
    }

    private static boolean is(RedisRequest request, int arg, byte[] lowerWord) {
        ByteBuf a = request.arg(arg);
        if (a.readableBytes() != lowerWord.length) {
            return false;
        }
        for (int i = 0; i < lowerWord.length; i++) {
            if ((a.getByte(a.readerIndex() + i) | 0x20) != lowerWord[i]) {
                return false;
            }
        }
        return true;
    }

    /** The commands between MULTI and EXEC, each a new request the caller releases. */
    public static List<RedisRequest> commands(RedisRequest unit) {
        int[] b = unit.parts().bounds();
        ByteBuf frame = unit.frame();
        List<RedisRequest> out = new ArrayList<>(b.length / 2);
        for (int i = 2; i + 2 < b.length; i += 2) {
            out.add(RespRequestDecoder.decodeOne(frame.retainedSlice(frame.readerIndex() + b[i], b[i + 1])));
        }
        return out;
    }

    /**
     * {@code MULTI ... EXEC} without the watch check, what a datastore runs once the check passed; a new
     * request over the same bytes (one more reference). A unit without a watch is duplicated as it is.
     */
    public static RedisRequest withoutWatch(RedisRequest unit) {
        if (!unit.parts().watched()) {
            return (RedisRequest) unit.retainedDuplicate();
        }
        ByteBuf frame = unit.frame();
        int from = frame.readerIndex() + unit.parts().prefixLength();
        return decode(frame.retainedSlice(from, frame.writerIndex() - from));
    }

    /**
     * The reply of a queued command the node itself answers (PING, ECHO; UNWATCH, which EXEC made moot), for
     * a datastore that runs the unit itself; null for a command the datastore runs.
     */
    public static ByteBuf localReply(RedisRequest command, ByteBufAllocator alloc) {
        if (command.spec() == null || command.spec().handling() != CommandSpec.Handling.LOCAL) {
            return null;
        }
        return "unwatch".equals(command.command()) ? FixedReplies.ok()
                : LocalCommands.answer(command, ClientSession.detached(alloc)).reply();
    }

    /** The replies in an EXEC reply array (slices of {@code reply}, not retained), or null for another reply. */
    public static List<ByteBuf> items(ByteBuf reply) {
        if (RespType.of(reply) != RespType.ARRAY) {
            return null;
        }
        int from = reply.readerIndex();
        int cr = RespScanner.lineEnd(reply, from, reply.writerIndex());
        long n = cr < 0 ? -1 : RespScanner.number(reply, from + 1, cr);
        if (n < 0) {
            return null;
        }
        List<ByteBuf> items = new ArrayList<>((int) n);
        int pos = cr + 2;
        for (long i = 0; i < n; i++) {
            int end = RespScanner.valueEnd(reply, pos);
            items.add(reply.slice(pos, end - pos));
            pos = end;
        }
        return items;
    }
}
