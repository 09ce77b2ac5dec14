package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.routing.ConsistencySettings;
import io.dynoj.core.spi.ClientInfo;
import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.ProtocolLimits;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalCommandsTest {

    private final RedisProtocolAdapter adapter = new RedisProtocolAdapter();
    private final ConsistencySettings node = new ConsistencySettings(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_QUORUM);
    private final ClientInfo me = new ClientInfo(7, new InetSocketAddress("127.0.0.1", 50000),
            new InetSocketAddress("127.0.0.1", 8102), 12);
    private final ClientInfo other = new ClientInfo(9, new InetSocketAddress("::1", 50001),
            new InetSocketAddress("::1", 8102), 13);
    private final ClientSession session = new ClientSession() {
        private ConsistencyLevel read;
        private ConsistencyLevel write;

        @Override
        public ClientInfo info() {
            return me;
        }

        @Override
        public List<ClientInfo> clients() {
            return List.of(me, other);
        }

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
        assertThat(answer("HELLO")).contains("$2\r\nid\r\n:7\r\n");
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
    void clientCommandsDescribeTheConnectionsToTheNode() {
        assertThat(answer("CLIENT ID")).isEqualTo(":7\r\n");
        assertThat(answer("CLIENT GETNAME")).isEqualTo("$-1\r\n");
        assertThat(answer("CLIENT SETNAME \"a b\"")).isEqualTo("-ERR Client names cannot contain spaces, newlines or special characters.\r\n");
        assertThat(answer("CLIENT SETNAME worker-1")).isEqualTo("+OK\r\n");
        assertThat(answer("CLIENT GETNAME")).isEqualTo("$8\r\nworker-1\r\n");
        assertThat(answer("CLIENT SETNAME")).isEqualTo("-ERR wrong number of arguments for 'client|setname' command\r\n");
        assertThat(answer("CLIENT INFO")).matches("(?s)\\$\\d+\r\nid=7 addr=127.0.0.1:50000 laddr=127.0.0.1:8102 fd=12 "
                + "name=worker-1 age=\\d+ idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=26 qbuf-free=0 argv-mem=10 "
                + "multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r cmd=client\\|info user=default redir=-1 resp=2\n\r\n");
        String list = answer("CLIENT LIST");
        assertThat(list).contains("id=7 ", "cmd=client|list", "\nid=9 addr=[0:0:0:0:0:0:0:1]:50001 ", "cmd=NULL").endsWith("\n\r\n");
        assertThat(answer("CLIENT LIST ID 9 x")).isEqualTo("-ERR Invalid client ID\r\n");
        assertThat(answer("CLIENT LIST ID 9")).doesNotContain("id=7 ").contains("id=9 ");
        assertThat(answer("CLIENT LIST TYPE pubsub")).isEqualTo("$0\r\n\r\n");
        assertThat(answer("CLIENT LIST TYPE foo")).isEqualTo("-ERR Unknown client type 'foo'\r\n");
        assertThat(answer("CLIENT LIST bla")).isEqualTo("-ERR syntax error\r\n");
        assertThat(answer("CLIENT NO-EVICT on")).isEqualTo("+OK\r\n");
        assertThat(answer("CLIENT NO-TOUCH maybe")).isEqualTo("-ERR syntax error\r\n");
        assertThat(answer("CLIENT KILL ID 9")).isEqualTo("-ERR CLIENT KILL is not supported by Dynoj\r\n");
        assertThat(answer("CLIENT foo")).isEqualTo("-ERR unknown subcommand 'foo'. Try CLIENT HELP.\r\n");
    }

    @Test
    void dynomitesConnectionConsistencySetsBothLevels() {
        assertThat(answer("DYNO_CONFIG:CONN_CONSISTENCY DC_QUORUM")).isEqualTo("+OK\r\n");
        assertThat(session.readConsistency()).isEqualTo(ConsistencyLevel.DC_QUORUM);
        assertThat(session.writeConsistency()).isEqualTo(ConsistencyLevel.DC_QUORUM);
        assertThat(answer("dyno_config:conn_consistency dc_each_safe_quorum")).isEqualTo("+OK\r\n");
        assertThat(session.writeConsistency()).isEqualTo(ConsistencyLevel.DC_EACH_SAFE_QUORUM);
        assertThat(answer("DYNO_CONFIG:CONN_CONSISTENCY ALL")).startsWith("-ERR unknown consistency level 'ALL'");
        assertThat(session.readConsistency()).isEqualTo(ConsistencyLevel.DC_EACH_SAFE_QUORUM);
        assertThat(answer("DYNO_CONFIG:CONN_CONSISTENCY")).isEqualTo(
                "-ERR wrong number of arguments for 'dyno_config:conn_consistency' command\r\n");
    }

    @Test
    void forwardsDataCommands() {
        assertThat(answer("GET k")).isNull();
        assertThat(answer("SET k v")).isNull();
        assertThat(answer("INFO")).isNull();
        assertThat(answer("CONFIG GET save")).as("the datastore knows its settings").isNull();
        assertThat(answer("FUNCTION FLUSH")).isNull();
    }

    @Test
    void errorsAreRedisErrors() {
        assertThat(answer("BLMPOP 0 1 k LEFT")).isEqualTo("-ERR 'blmpop' is not supported by Dynoj\r\n");
        assertThat(answer("BLPOP k x")).isEqualTo("-ERR timeout is not a float or out of range\r\n");
        assertThat(answer("BLPOP k -1")).isEqualTo("-ERR timeout is negative\r\n");
        assertThat(answer("BLPOP k 0.5")).as("served by the router").isNull();
        assertThat(answer("\"x")).isEqualTo("-ERR Protocol error: unbalanced quotes in request\r\n<close>");
    }
}
