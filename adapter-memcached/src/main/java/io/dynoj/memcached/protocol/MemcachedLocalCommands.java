package io.dynoj.memcached.protocol;

import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.RequestKind;
import io.dynoj.core.spi.Version;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the node answers itself: refused requests (their line, or nothing, and whether the connection
 * closes after), {@code version}, {@code verbosity}, {@code quit}, {@code mn} and {@code stats}.
 * Stateless.
 */
public final class MemcachedLocalCommands {

    /**
     * The memcached version Dynoj's decoder follows (the text and meta protocol of 1.6), as
     * {@code VERSION} reports it; clients that parse {@code major.minor.micro} read 1.6.18.
     */
    public static final String MEMCACHED_VERSION = "1.6.18";

    private static final String VERSION_LINE = "VERSION " + version();

    private MemcachedLocalCommands() {
    }

    /** {@code 1.6.18-dynoj-<version>}. */
    public static String version() {
        return MEMCACHED_VERSION + "-dynoj-" + Version.get();
    }

    /** The node's answer, or {@code null} when the request goes to the datastore. */
    public static LocalAnswer answer(MemcachedRequest r, ClientSession session) {
        String error = r.refusal();
        if (error != null) {
            return new LocalAnswer(error.isEmpty() ? Unpooled.EMPTY_BUFFER : line(session.alloc(), error),
                    r.closeAfter());
        }
        if (r.kind() != RequestKind.LOCAL) {
            return null;
        }
        ByteBufAllocator alloc = session.alloc();
        return switch (r.commandType()) {
            case VERSION -> LocalAnswer.of(line(alloc, VERSION_LINE));
            case VERBOSITY -> LocalAnswer.of(r.noreply() ? Unpooled.EMPTY_BUFFER : line(alloc, "OK"));
            case QUIT -> LocalAnswer.thenClose(Unpooled.EMPTY_BUFFER);
            case MN -> LocalAnswer.of(line(alloc, "MN"));
            case STATS -> LocalAnswer.of(stats(alloc, words(r.frame())));
            default -> LocalAnswer.of(line(alloc, RequestLineParser.ERROR));
        };
    }

    /**
     * {@code stats}: what the node knows by itself. Cluster-wide item and command counts are not
     * gathered yet. The sub-statistics that describe memcached's own memory ({@code settings},
     * {@code items}, {@code slabs}, {@code sizes}, {@code conns}) are empty lists.
     */
    static ByteBuf stats(ByteBufAllocator alloc, List<String> words) {
        if (words.size() == 1) {
            return generalStats(alloc);
        }
        String sub = words.get(1);
        return switch (sub) {
            case "reset" -> line(alloc, "RESET");
            case "detail" -> {
                String arg = words.size() > 2 ? words.get(2) : "";
                yield switch (arg) {
                    case "on", "off" -> line(alloc, "OK");
                    case "dump" -> line(alloc, "END");
                    default -> line(alloc, "CLIENT_ERROR usage: stats detail on|off|dump");
                };
            }
            case "cachedump" -> line(alloc, "CLIENT_ERROR stats cachedump not allowed");
            case "settings", "items", "slabs", "sizes", "conns" -> line(alloc, "END");
            default -> line(alloc, RequestLineParser.ERROR);
        };
    }

    private static ByteBuf generalStats(ByteBufAllocator alloc) {
        long now = System.currentTimeMillis() / 1000;
        StringBuilder sb = new StringBuilder(256);
        stat(sb, "pid", ProcessHandle.current().pid());
        stat(sb, "uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        stat(sb, "time", now);
        stat(sb, "version", version());
        stat(sb, "pointer_size", is64Bit() ? 64 : 32);
        // The node's default io_threads; the node does not tell the adapter its own setting.
        stat(sb, "threads", Runtime.getRuntime().availableProcessors());
        sb.append("END\r\n");
        ByteBuf out = alloc.buffer(sb.length());
        out.writeCharSequence(sb, StandardCharsets.US_ASCII);
        return out;
    }

    private static boolean is64Bit() {
        String model = System.getProperty("sun.arch.data.model", "64");
        return !"32".equals(model);
    }

    private static void stat(StringBuilder sb, String name, Object value) {
        sb.append("STAT ").append(name).append(' ').append(value).append("\r\n");
    }

    /** The words of a request's command line (split on spaces, as memcached does). */
    static List<String> words(ByteBuf frame) {
        int start = frame.readerIndex();
        int newline = frame.indexOf(start, frame.writerIndex(), (byte) '\n');
        int end = newline < 0 ? frame.writerIndex() : newline;
        if (end > start && frame.getByte(end - 1) == '\r') {
            end--;
        }
        List<String> words = new ArrayList<>();
        for (String w : frame.toString(start, end - start, StandardCharsets.ISO_8859_1).split(" ")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    static ByteBuf line(ByteBufAllocator alloc, String line) {
        ByteBuf out = alloc.buffer(line.length() + 2);
        out.writeCharSequence(line, StandardCharsets.ISO_8859_1);
        return out.writeShort(0x0d0a);
    }
}
