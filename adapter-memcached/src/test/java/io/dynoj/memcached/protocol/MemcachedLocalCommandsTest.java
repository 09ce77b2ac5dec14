package io.dynoj.memcached.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.Version;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemcachedLocalCommandsTest {

    private static final ProtocolLimits FLUSH_ALLOWED = new ProtocolLimits(1 << 20, 64 * 1024, 1000, true);

    private final MemcachedProtocolAdapter adapter = new MemcachedProtocolAdapter();
    private final ClientSession session = ClientSession.detached(ByteBufAllocator.DEFAULT);

    /** The node's answers to each request of {@code input}: the text, "<close>" after, or "forward". */
    private List<String> answers(String input, ProtocolLimits limits) {
        EmbeddedChannel ch = new EmbeddedChannel(adapter.newDecoder(limits));
        ch.writeInbound(Unpooled.copiedBuffer(input, StandardCharsets.ISO_8859_1));
        List<String> out = new ArrayList<>();
        MemcachedRequest request;
        while ((request = ch.readInbound()) != null) {
            try {
                LocalAnswer a = adapter.answerLocally(request, session);
                if (a == null) {
                    out.add("forward");
                } else {
                    out.add(a.reply().toString(StandardCharsets.ISO_8859_1) + (a.closeAfter() ? "<close>" : ""));
                    a.reply().release();
                }
            } finally {
                request.release();
            }
        }
        ch.finishAndReleaseAll();
        return out;
    }

    private List<String> answers(String input) {
        return answers(input, FLUSH_ALLOWED);
    }

    @Test
    void answersConnectionCommands() {
        assertThat(answers("version\r\nverbosity 1\r\nverbosity 1 noreply\r\nmn\r\nmn x\r\nquit\r\n")).containsExactly(
                "VERSION 1.6.18-dynoj-" + Version.get() + "\r\n", "OK\r\n", "", "MN\r\n", "MN\r\n", "<close>");
    }

    @Test
    void statsAreTheNodesOwn() {
        String stats = answers("stats\r\n").get(0);
        assertThat(stats).startsWith("STAT pid " + ProcessHandle.current().pid() + "\r\nSTAT uptime ")
                .contains("\r\nSTAT time ", "\r\nSTAT version 1.6.18-dynoj-", "\r\nSTAT pointer_size ",
                        "\r\nSTAT threads ")
                .endsWith("\r\nEND\r\n");
        assertThat(answers("stats settings\r\nstats reset\r\nstats detail on\r\nstats detail dump\r\nstats detail\r\n"
                + "stats cachedump 1 1\r\nstats nope\r\n")).containsExactly("END\r\n", "RESET\r\n", "OK\r\n",
                "END\r\n", "CLIENT_ERROR usage: stats detail on|off|dump\r\n",
                "CLIENT_ERROR stats cachedump not allowed\r\n", "ERROR\r\n");
    }

    @Test
    void refusalsAreAnsweredWithTheirLine() {
        assertThat(answers("GET k\r\nset k 0 0 x\r\nset k 0 0 x noreply\r\nGET / HTTP/1.1\r\n")).containsExactly(
                "ERROR\r\n", "CLIENT_ERROR bad command line format\r\n", "", "<close>");
        assertThat(answers("flush_all\r\n", ProtocolLimits.DEFAULTS)).containsExactly(
                "CLIENT_ERROR flush_all is disabled on this Dynoj node (allow_flush_all: true enables it)\r\n");
    }

    @Test
    void dataCommandsAreForwarded() {
        assertThat(answers("get a b\r\nset k 0 0 1\r\nx\r\nmg k v\r\ndelete k\r\nflush_all\r\n"))
                .containsOnly("forward").hasSize(5);
    }

    @Test
    void errorReplyIsAServerError() {
        var reply = adapter.errorReply(ByteBufAllocator.DEFAULT, "datastore unreachable\r\nat x");
        assertThat(reply.toString(StandardCharsets.US_ASCII)).isEqualTo("SERVER_ERROR datastore unreachable  at x\r\n");
        reply.release();
    }
}
