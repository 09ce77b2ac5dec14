package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.routing.ConsistencySettings;
import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.ProtocolLimits;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LocalCommandsTest {

    private final RedisProtocolAdapter adapter = new RedisProtocolAdapter();
    private final ConsistencySettings node = new ConsistencySettings(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_QUORUM);
    private final ClientSession session = new ClientSession() {
        private ConsistencyLevel read;
        private ConsistencyLevel write;

        @Override
        public ByteBufAllocator alloc() {
            return ByteBufAllocator.DEFAULT;
        }

        @Override
        public ConsistencyLevel readConsistency() {
            return read != null ? read : node.read();
        }

        @Override
        public ConsistencyLevel writeConsistency() {
            return write != null ? write : node.write();
        }

        @Override
        public void readConsistency(ConsistencyLevel level) {
            read = level;
        }

        @Override
        public void writeConsistency(ConsistencyLevel level) {
            write = level;
        }
    };

    private String answer(String inline) {
        EmbeddedChannel ch = new EmbeddedChannel(adapter.newDecoder(ProtocolLimits.DEFAULTS));
        ch.writeInbound(Unpooled.copiedBuffer(inline + "\r\n", StandardCharsets.UTF_8));
        RedisRequest request = ch.readInbound();
        try {
            LocalAnswer a = adapter.answerLocally(request, session);
            if (a == null) {
                return null;
            }
            String text = a.reply().toString(StandardCharsets.UTF_8) + (a.closeAfter() ? "<close>" : "");
            a.reply().release();
            return text;
        } finally {
            request.release();
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void answersConnectionCommands() {
        assertThat(answer("PING")).isEqualTo("+PONG\r\n");
        assertThat(answer("PING hello")).isEqualTo("$5\r\nhello\r\n");
        assertThat(answer("ECHO \"a b\"")).isEqualTo("$3\r\na b\r\n");
        assertThat(answer("QUIT")).isEqualTo("+OK\r\n<close>");
        assertThat(answer("SELECT 0")).isEqualTo("+OK\r\n");
        assertThat(answer("SELECT 3")).isEqualTo("-ERR DB index is out of range\r\n");
        assertThat(answer("SELECT x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(answer("HELLO 3")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
        assertThat(answer("CONFIG GET save")).isEqualTo("*2\r\n$4\r\nsave\r\n$0\r\n\r\n");
        assertThat(answer("CONFIG SET save x")).startsWith("-ERR CONFIG SET is not supported");
        assertThat(answer("CLIENT SETNAME me")).isEqualTo("+OK\r\n");
        assertThat(answer("COMMAND DOCS")).isEqualTo("*0\r\n");
    }

    @Test
    void consistencyPerConnection() {
        assertThat(answer("DYNOJ CONSISTENCY")).isEqualTo(
                "*4\r\n$4\r\nread\r\n$6\r\nDC_ONE\r\n$5\r\nwrite\r\n$9\r\nDC_QUORUM\r\n");
        assertThat(answer("dynoj consistency read dc_safe_quorum")).isEqualTo("+OK\r\n");
        assertThat(session.readConsistency()).isEqualTo(ConsistencyLevel.DC_SAFE_QUORUM);
        assertThat(answer("DYNOJ CONSISTENCY READ default")).isEqualTo("+OK\r\n");
        assertThat(session.readConsistency()).isEqualTo(ConsistencyLevel.DC_ONE);
        assertThat(answer("DYNOJ CONSISTENCY WRITE ALL")).startsWith("-ERR unknown consistency level 'ALL'");
        assertThat(answer("DYNOJ NOPE")).startsWith("-ERR unknown DYNOJ subcommand");
    }

    @Test
    void forwardsDataCommands() {
        assertThat(answer("GET k")).isNull();
        assertThat(answer("SET k v")).isNull();
        assertThat(answer("INFO")).isNull();
    }

    @Test
    void errorsAreRedisErrors() {
        assertThat(answer("BLPOP k 0")).isEqualTo("-ERR 'blpop' is not supported by Dynoj\r\n");
        assertThat(answer("\"x")).isEqualTo("-ERR Protocol error: unbalanced quotes in request\r\n<close>");
    }
}
