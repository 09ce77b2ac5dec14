package io.dynoj.memcached.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * What the other replicas apply once a key's primary executed a memcached write (see
 * {@code ProtocolAdapter.effect}). Every write replays as it is, except those whose outcome hangs on a
 * cas value: each replica mints its own cas values (memcached servers cannot be told one), so a
 * {@code cas} the primary stored replays as the {@code set} of the same item, and a meta command's
 * compare flag {@code C} is dropped once the primary accepted it. A write the primary refused or failed
 * ({@code EXISTS}, {@code NOT_FOUND}, {@code NOT_STORED}, an error line) changed nothing: not replayed.
 */
final class MemcachedEffects {

    private MemcachedEffects() {
    }

    /**
     * The effect of {@code executed} given its {@code reply}, or null; a new request is read back with
     * {@code decode} (the adapter's decodeFrame). Releases neither argument.
     */
    static MemcachedRequest effect(MemcachedRequest executed, ByteBuf reply, ByteBufAllocator alloc,
                                   Function<ByteBuf, MemcachedRequest> decode) {
        if (changedNothing(reply)) {
            return null;
        }
        MemcachedCommand command = executed.commandType();
        if (command == MemcachedCommand.CAS) {
            return decode.apply(casAsSet(executed, alloc));
        }
        if ((command == MemcachedCommand.MS || command == MemcachedCommand.MD || command == MemcachedCommand.MA)
                && hasCompareFlag(executed)) {
            return decode.apply(withoutCompareFlag(executed, alloc));
        }
        return (MemcachedRequest) executed.retainedDuplicate();
    }

    /** Whether a read answers the primary's cas value, which only a later write there is checked against. */
    static boolean returnsCas(MemcachedRequest request) {
        MemcachedCommand command = request.commandType();
        if (command == MemcachedCommand.GETS || command == MemcachedCommand.GATS || command == MemcachedCommand.ME) {
            return true;
        }
        if (command != MemcachedCommand.MG) {
            return false;
        }
        String[] words = firstLine(request).split(" ");
        for (int i = 2; i < words.length; i++) {
            if (words[i].startsWith("c")) {
                return true;
            }
        }
        return false;
    }

    private static boolean changedNothing(ByteBuf reply) {
        return startsWith(reply, "EXISTS") || startsWith(reply, "NOT_FOUND") || startsWith(reply, "NOT_STORED")
                || startsWith(reply, "ERROR") || startsWith(reply, "CLIENT_ERROR") || startsWith(reply, "SERVER_ERROR")
                || startsWith(reply, "EX") || startsWith(reply, "NF") || startsWith(reply, "NS");
    }

    private static boolean startsWith(ByteBuf reply, String prefix) {
        int at = reply.readerIndex();
        if (reply.readableBytes() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (reply.getByte(at + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code cas <key> <flags> <exptime> <bytes> <cas> [noreply]} + data -> {@code set <key> <flags> <exptime> <bytes>} + data. */
    private static ByteBuf casAsSet(MemcachedRequest cas, ByteBufAllocator alloc) {
        String[] w = firstLine(cas).split(" ");
        String line = "set " + w[1] + " " + w[2] + " " + w[3] + " " + w[4] + "\r\n";
        return withData(line, cas, alloc);
    }

    private static boolean hasCompareFlag(MemcachedRequest request) {
        String[] words = firstLine(request).split(" ");
        for (int i = 2; i < words.length; i++) {
            if (words[i].startsWith("C")) {
                return true;
            }
        }
        return false;
    }

    private static ByteBuf withoutCompareFlag(MemcachedRequest request, ByteBufAllocator alloc) {
        StringBuilder line = new StringBuilder();
        for (String word : firstLine(request).split(" ")) {
            if (!word.startsWith("C") || line.isEmpty()) {
                line.append(line.isEmpty() ? "" : " ").append(word);
            }
        }
        line.append("\r\n");
        return request.commandType() == MemcachedCommand.MS ? withData(line.toString(), request, alloc)
                : alloc.buffer(line.length()).writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuf withData(String line, MemcachedRequest request, ByteBufAllocator alloc) {
        ByteBuf data = request.data();
        byte[] head = line.getBytes(StandardCharsets.UTF_8);
        return alloc.buffer(head.length + data.readableBytes() + 2).writeBytes(head)
                .writeBytes(data, data.readerIndex(), data.readableBytes()).writeByte('\r').writeByte('\n');
    }

    /** The command line without its CRLF (keys are never base64 here: the decoder refuses the b flag). */
    static String firstLine(MemcachedRequest request) {
        ByteBuf frame = request.frame();
        int start = frame.readerIndex();
        int newline = frame.indexOf(start, frame.writerIndex(), (byte) '\n');
        int end = newline > start && frame.getByte(newline - 1) == '\r' ? newline - 1 : newline;
        return frame.toString(start, end - start, StandardCharsets.UTF_8).trim();
    }
}
