package io.dynoj.redis.engine;

import io.dynoj.testkit.RespClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Replies as {@link RespClient} gives them (String, Long, byte[], List, RespError, null), read from
 * the engine's RESP text, and written back as a canonical text so two replies compare as strings.
 */
final class RespValues {

    private RespValues() {
    }

    /** Parses one reply of the engine (the harness's UTF-8 text). */
    static Object parse(String resp) {
        ByteBuffer buf = ByteBuffer.wrap(resp.getBytes(StandardCharsets.UTF_8));
        Object value = read(buf);
        if (buf.hasRemaining()) {
            throw new IllegalArgumentException("more than one reply: " + resp);
        }
        return value;
    }

    private static Object read(ByteBuffer buf) {
        char type = (char) buf.get();
        String line = line(buf);
        switch (type) {
            case '+':
                return line;
            case '-':
                return new RespClient.RespError(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                byte[] b = new byte[n];
                buf.get(b);
                buf.get();
                buf.get();
                return b;
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(read(buf));
                }
                return items;
            }
            default:
                throw new IllegalArgumentException("not a RESP type: " + type);
        }
    }

    private static String line(ByteBuffer buf) {
        StringBuilder sb = new StringBuilder();
        for (byte b = buf.get(); b != '\r'; b = buf.get()) {
            sb.append((char) (b & 0xFF));
        }
        buf.get();
        return sb.toString();
    }

    /** A canonical text of a reply; with {@code sorted}, the items of a top-level array are sorted. */
    static String text(Object reply, boolean sorted) {
        if (reply instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object o : list) {
                items.add(text(o, false));
            }
            if (sorted) {
                Collections.sort(items);
            }
            return "*" + list.size() + items;
        }
        if (reply instanceof byte[] b) {
            return "$" + new String(b, StandardCharsets.UTF_8);
        }
        if (reply instanceof RespClient.RespError e) {
            return "-" + e.getMessage();
        }
        if (reply instanceof Long l) {
            return ":" + l;
        }
        return reply == null ? "nil" : "+" + reply;
    }

    /** What kind of reply, and how many items: all two random replies can be compared on. */
    static String shape(Object reply) {
        if (reply instanceof List<?> list) {
            return "array of " + list.size();
        }
        if (reply instanceof RespClient.RespError) {
            return text(reply, false);
        }
        return reply == null ? "nil" : reply.getClass().getSimpleName();
    }
}
