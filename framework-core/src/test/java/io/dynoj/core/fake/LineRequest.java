package io.dynoj.core.fake;

import io.dynoj.core.spi.FrameRequest;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One request of the fake line protocol ({@link LineProtocolAdapter}): space-separated tokens ending in
 * {@code \n}, such as {@code SET k v\n}. Token bounds are indexes of the frame's buffer, so a duplicate
 * of the frame shares them; keys are the tokens after the command (GET's, SET's first, every one of
 * MGET's). A line that is not a valid request is a {@link RequestKind#LOCAL} request carrying its
 * refusal. Single-threaded, as every request.
 */
final class LineRequest extends FrameRequest {

    private final int[] starts;
    private final int[] ends;
    private final String command;
    private final RequestKind kind;

    private LineRequest(ByteBuf frame, int[] starts, int[] ends, String command, RequestKind kind, int keyCount,
                        String refusal, boolean closeAfter) {
        super(frame, keys(frame, starts, ends, keyCount), refusal, closeAfter);
        this.starts = starts;
        this.ends = ends;
        this.command = command;
        this.kind = kind;
    }

    /** Tokens 1 to {@code count} as the base class keeps keys: (offset from the reader index, length). */
    private static int[] keys(ByteBuf frame, int[] starts, int[] ends, int count) {
        int[] keys = new int[2 * count];
        for (int k = 0; k < count; k++) {
            keys[2 * k] = starts[k + 1] - frame.readerIndex();
            keys[2 * k + 1] = ends[k + 1] - starts[k + 1];
        }
        return keys;
    }

    /** Reads the line in {@code frame} (up to its {@code \n} or its end); takes ownership of the frame. */
    static LineRequest parse(ByteBuf frame) {
        int end = frame.writerIndex();
        while (end > frame.readerIndex() && (frame.getByte(end - 1) == '\n' || frame.getByte(end - 1) == '\r')) {
            end--;
        }
        List<int[]> tokens = new ArrayList<>();
        int i = frame.readerIndex();
        while (i < end) {
            int space = frame.indexOf(i, end, (byte) ' ');
            int stop = space < 0 ? end : space;
            if (stop > i) {
                tokens.add(new int[] {i, stop});
            }
            i = stop + 1;
        }
        int[] starts = tokens.stream().mapToInt(t -> t[0]).toArray();
        int[] ends = tokens.stream().mapToInt(t -> t[1]).toArray();
        String command = tokens.isEmpty() ? ""
                : frame.toString(starts[0], ends[0] - starts[0], StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        int args = tokens.size() - 1;
        return switch (command) {
            case "ping" -> arity(frame, starts, ends, command, RequestKind.LOCAL, 0, args == 0);
            case "get" -> arity(frame, starts, ends, command, RequestKind.READ, 1, args == 1);
            case "set" -> arity(frame, starts, ends, command, RequestKind.WRITE, 1, args == 2);
            case "mget" -> arity(frame, starts, ends, command, RequestKind.READ, args, args >= 1);
            // This node's own datastore only (no keys, so never routed): to look at or change one replica.
            case "peek" -> arity(frame, starts, ends, command, RequestKind.ADMIN, 0, args == 1);
            case "poke" -> arity(frame, starts, ends, command, RequestKind.ADMIN, 0, args == 2);
            default -> new LineRequest(frame, starts, ends, command, RequestKind.LOCAL, 0,
                    "unknown command '" + command + "'", false);
        };
    }

    private static LineRequest arity(ByteBuf frame, int[] starts, int[] ends, String command, RequestKind kind,
                                     int keys, boolean ok) {
        return ok ? new LineRequest(frame, starts, ends, command, kind, keys, null, false)
                : new LineRequest(frame, starts, ends, command, RequestKind.LOCAL, 0,
                        "wrong number of arguments for '" + command + "'", false);
    }

    /** A line longer than the decoder accepts: answered with an error, then the connection closes. */
    static LineRequest tooLong(ByteBufAllocator alloc) {
        return new LineRequest(alloc.buffer(0), new int[0], new int[0], "", RequestKind.LOCAL, 0,
                "line too long", true);
    }

    /** Token {@code index} (0 is the command) as text. */
    String token(int index) {
        return frame().toString(starts[index], ends[index] - starts[index], StandardCharsets.US_ASCII);
    }

    int tokens() {
        return starts.length;
    }

    @Override
    public String command() {
        return command;
    }

    @Override
    public RequestKind kind() {
        return kind;
    }

    @Override
    public Request retainedDuplicate() {
        return new LineRequest(frame().retainedDuplicate(), starts, ends, command, kind, keyCount(), refusal(),
                closeAfter());
    }
}
