package io.dynoj.memcached.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.testkit.MemcachedServer;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same bytes sent to a real memcached and to Dynoj's decoder (its local answers, and what it
 * forwards run on that memcached) give the same answers and the same close. Cases where Dynoj
 * answers differently by design (VERSION, stats, stricter numbers, base64 keys, flush_all refused,
 * lines over 2048 bytes arriving whole) are in the unit tests instead.
 */
class MemcachedAgreementIT {

    private static final List<String> CASES = List.of(
            "GET k\r\nx\r\n\r\n\n   \r\nget\r\nget\tk\r\nmx k\r\nbget k\r\nmn\r\n",
            "set k 0 0 1\r\nab\r\nget k\r\n",
            "set k 0 0 1\r\nx\nversion\r\nmn\r\n",
            "set k 0 0 1 noreply\r\nxyz\r\nmn\r\n",
            "set k 0 0 x\r\nab\r\nset k 0 0 -1\r\nab\r\nset k -1 0 1\r\nx\r\nset k 0 0 2147483646\r\nmn\r\n",
            "set k 0 0 -1 noreply\r\nab\r\nset k 0 0 noreply\r\nmn\r\n",
            "set k 0 0 1 whatever\r\nx\r\nget k k\r\nadd k 0 0 1\r\ny\r\nappend k 0 0 1\r\nz\r\nget k\r\n",
            "set " + "k".repeat(251) + " 0 0 1\r\nx\r\nset " + "k".repeat(250) + " 0 0 1\r\nx\r\nget " + "k".repeat(250)
                    + "\r\n",
            // Alone: memcached 1.6.18 drops the queued replies of earlier pipelined commands when it
            // refuses a get for a long key (its error path releases every pending response).
            "get a " + "k".repeat(251) + "\r\nmn\r\n",
            "cas k 0 0 1 x\r\nx\r\ncas k 0 0 1 -1\r\nx\r\ncas k 0 0 1 1\r\nx\r\ncas k 0 0 1\r\nmn\r\n",
            "delete k 1\r\ndelete k 0 x\r\ndelete k x noreply\r\ndelete k 0\r\ndelete k\r\ndelete\r\ndelete a b c d\r\n",
            "incr k x\r\nincr k -1\r\nincr k 1\r\nset n 0 0 1\r\n5\r\nincr n 18446744073709551615\r\ndecr n 1 noreply\r\n"
                    + "get n\r\nincr n 1 foo\r\n",
            "touch k x\r\ntouch k 10\r\ntouch k\r\ngat x k\r\ngat 10\r\ngat\r\ngats 10 a b\r\n",
            "verbosity\r\nverbosity x\r\nverbosity 1\r\nverbosity 1 noreply\r\nverbosity 1 2\r\nverbosity x noreply\r\n"
                    + "mn a\r\n",
            "flush_all x\r\nflush_all 0 x\r\nflush_all noreply\r\nflush_all a b c\r\nflush_all\r\n",
            "mg\r\nmg k\r\nmg k v q\r\nmn\r\nms k\r\nms\r\nms k x\r\nab\r\nms k -1\r\nab\r\nms k 2 zz\r\nab\r\nmn\r\n",
            "ms k 2 q\r\nab\r\nms k 2 q\r\nabc\r\nmg k v k s\r\nmd k zz\r\nmd k q\r\nmg k v\r\nma k zz\r\nma k\r\nmn\r\n",
            "ms k 2 T0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\r\nab\r\nmg k 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18"
                    + "\r\nmd k 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18\r\nmn\r\n",
            "set big 0 0 2000000\r\n" + "x".repeat(2000000) + "\r\nset big 0 0 2000000 noreply\r\n" + "x".repeat(2000000)
                    + "\r\nms big 2000000\r\n" + "x".repeat(2000000) + "\r\nmn\r\n",
            "get " + "k ".repeat(3000) + "\r\nmn\r\n",
            " ".repeat(100) + "get " + "k ".repeat(3000) + "\r\nmn\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
            "get / HTTP/1.1\r\nset / HTTP/1.1\r\n",
            "quit\r\nmn\r\n");

    private static final byte[] SENTINEL = "version\r\n".getBytes(StandardCharsets.US_ASCII);

    private static MemcachedServer memcached;

    @BeforeAll
    static void start() {
        memcached = MemcachedServer.start();
    }

    @AfterAll
    static void stop() {
        if (memcached != null) {
            memcached.close();
        }
    }

    @Test
    void dynojAnswersWhatMemcachedAnswers() throws IOException {
        for (String input : CASES) {
            flushAll();
            String direct = direct(input);
            flushAll();
            String viaDynoj = viaDynoj(input);
            assertThat(viaDynoj).as(input.length() > 300 ? input.substring(0, 300) : input).isEqualTo(direct);
        }
    }

    /** What memcached answers, then "<close>" if it closed the connection. */
    private static String direct(String input) throws IOException {
        try (Socket s = connect()) {
            return exchange(s, input.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** What a client of Dynoj reads: local answers, and memcached's answers to the forwarded frames. */
    private static String viaDynoj(String input) throws IOException {
        ProtocolLimits limits = new ProtocolLimits(1024 * 1024, 64 * 1024, 100_000, true);
        MemcachedProtocolAdapter adapter = new MemcachedProtocolAdapter();
        EmbeddedChannel ch = new EmbeddedChannel(adapter.newDecoder(limits));
        ClientSession session = ClientSession.detached(ByteBufAllocator.DEFAULT);
        StringBuilder out = new StringBuilder();
        try (Socket backend = connect()) {
            ch.writeInbound(Unpooled.copiedBuffer(input, StandardCharsets.ISO_8859_1));
            MemcachedRequest r;
            while ((r = ch.readInbound()) != null) {
                try {
                    LocalAnswer local = adapter.answerLocally(r, session);
                    if (local != null) {
                        out.append(local.reply().toString(StandardCharsets.ISO_8859_1));
                        local.reply().release();
                        if (local.closeAfter()) {
                            out.append("<close>");
                            break;
                        }
                    } else {
                        byte[] frame = new byte[r.frame().readableBytes()];
                        r.frame().getBytes(r.frame().readerIndex(), frame);
                        out.append(exchange(backend, frame));
                    }
                } finally {
                    r.release();
                }
            }
        } finally {
            ch.finishAndReleaseAll();
        }
        return out.toString();
    }

    private static void flushAll() throws IOException {
        try (Socket s = connect()) {
            exchange(s, "flush_all\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket(memcached.host(), memcached.port());
        s.setSoTimeout(10_000);
        return s;
    }

    /**
     * Sends {@code bytes} then {@code version}, and returns what came back before the VERSION line
     * (so no timing is guessed), or everything then "<close>" if the server closed first.
     */
    private static String exchange(Socket s, byte[] bytes) throws IOException {
        s.getOutputStream().write(bytes);
        s.getOutputStream().write(SENTINEL);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[65536];
        for (;;) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketException reset) {
                n = -1; // closed with our sentinel unread: the kernel resets instead of ending the stream
            }
            if (n < 0) {
                return got.toString(StandardCharsets.ISO_8859_1) + "<close>";
            }
            got.write(buf, 0, n);
            String text = got.toString(StandardCharsets.ISO_8859_1);
            int last = text.lastIndexOf("VERSION ");
            if (last >= 0 && text.endsWith("\r\n") && text.indexOf('\n', last) == text.length() - 1) {
                return text.substring(0, last);
            }
        }
    }
}
