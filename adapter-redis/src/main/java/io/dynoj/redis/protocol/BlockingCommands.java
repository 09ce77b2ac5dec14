package io.dynoj.redis.protocol;

import io.dynoj.core.spi.BlockingRequest;
import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Redis's blocking list and sorted-set pops, served by the node without a datastore connection waiting
 * ({@link BlockingRequest}): BLPOP and BRPOP attempt {@code LMPOP n keys LEFT|RIGHT}, BLMOVE attempts LMOVE,
 * BRPOPLPUSH RPOPLPUSH, BZPOPMIN and BZPOPMAX {@code ZMPOP n keys MIN|MAX}; each attempt's reply is turned into
 * the blocking command's. A timeout that passes answers a null array, as Redis does. Immutable.
 */
final class BlockingCommands implements BlockingRequest {

    /** The blocking commands the node serves (BLMPOP, BZMPOP, XREAD BLOCK, WAIT stay refused). */
    static final Set<String> COMMANDS = Set.of("blpop", "brpop", "blmove", "brpoplpush", "bzpopmin", "bzpopmax");

    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);

    private final String command;
    /** Every argument, the command name first and the timeout last. */
    private final byte[][] args;
    private final long timeoutMillis;

    private BlockingCommands(String command, byte[][] args, long timeoutMillis) {
        this.command = command;
        this.args = args;
        this.timeoutMillis = timeoutMillis;
    }

    /** {@code r} as a blocking request, or null when it is none of {@link #COMMANDS} (or was refused). */
    static BlockingRequest of(RedisRequest r) {
        if (!COMMANDS.contains(r.command()) || r.refusal() != null) {
            return null;
        }
        byte[][] args = RespArgs.parse(r.frame());
        return new BlockingCommands(r.command(), args, timeoutMillis(args[args.length - 1]));
    }

    /** Why {@code timeout} is no blocking command's timeout (Redis's words), or null when it is one. */
    static String timeoutRefusal(byte[] timeout) {
        try {
            return timeoutMillis(timeout) < 0 ? "timeout is negative" : null;
        } catch (NumberFormatException e) {
            return "timeout is not a float or out of range";
        }
    }

    /** Seconds, decimals allowed, as milliseconds rounded up (Redis: ceill(seconds * 1000)). */
    private static long timeoutMillis(byte[] timeout) {
        String text = new String(timeout, StandardCharsets.US_ASCII).trim();
        if (text.isEmpty() || text.length() > 30) {
            throw new NumberFormatException("not a timeout");
        }
        BigDecimal millis = new BigDecimal(text).movePointRight(3);
        if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            throw new NumberFormatException("out of range");
        }
        return millis.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }

    @Override
    public long timeoutMillis() {
        return timeoutMillis;
    }

    @Override
    public Request attempt(ByteBufAllocator alloc) {
        List<byte[]> a = new ArrayList<>();
        switch (command) {
            case "blmove" -> {
                a.add(bytes("LMOVE"));
                a.addAll(Arrays.asList(args).subList(1, 5));
            }
            case "brpoplpush" -> {
                a.add(bytes("RPOPLPUSH"));
                a.addAll(Arrays.asList(args).subList(1, 3));
            }
            default -> {
                boolean list = command.equals("blpop") || command.equals("brpop");
                a.add(bytes(list ? "LMPOP" : "ZMPOP"));
                a.add(bytes(Integer.toString(args.length - 2)));
                a.addAll(Arrays.asList(args).subList(1, args.length - 1));
                a.add(bytes(switch (command) {
                    case "blpop" -> "LEFT";
                    case "brpop" -> "RIGHT";
                    case "bzpopmin" -> "MIN";
                    default -> "MAX";
                }));
            }
        }
        return RedisRequest.of(a, alloc);
    }

    @Override
    public ByteBuf answer(ByteBuf attemptReply, ByteBufAllocator alloc) {
        byte marker = attemptReply.getByte(attemptReply.readerIndex());
        if (marker == '-') {
            return attemptReply;
        }
        if (command.equals("blmove") || command.equals("brpoplpush")) {
            // LMOVE/RPOPLPUSH answer the element, or a null bulk when the source is empty.
            if (marker == '$' && attemptReply.getByte(attemptReply.readerIndex() + 1) == '-') {
                attemptReply.release();
                return null;
            }
            return attemptReply;
        }
        Object tree;
        try {
            tree = ReplyTree.of(attemptReply);
        } finally {
            attemptReply.release();
        }
        if (tree == null) {
            return null;
        }
        // LMPOP: [key, [element]] -> [key, element]; ZMPOP: [key, [[member, score]]] -> [key, member, score].
        Object key = ReplyTree.item(tree, 0);
        Object first = ReplyTree.item(ReplyTree.item(tree, 1), 0);
        List<Object> out = new ArrayList<>();
        out.add(key);
        if (first instanceof List<?> pair) {
            out.addAll(pair);
        } else {
            out.add(first);
        }
        return RespWriter.array(alloc, out);
    }

    @Override
    public ByteBuf timedOut(ByteBufAllocator alloc) {
        return FixedReplies.nullArray();
    }

    @Override
    public boolean isTimedOut(ByteBuf reply) {
        return reply.readableBytes() == NULL_ARRAY.length
                && reply.getByte(reply.readerIndex()) == '*' && reply.getByte(reply.readerIndex() + 1) == '-';
    }

    @Override
    public Request withTimeout(long millis, ByteBufAllocator alloc) {
        List<byte[]> a = new ArrayList<>(Arrays.asList(args));
        a.set(a.size() - 1, bytes(String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000)));
        return RedisRequest.of(a, alloc);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
