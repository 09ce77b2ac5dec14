package io.dynoj.redis.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.redis.protocol.RedisProtocolAdapter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Transaction units through {@link WatchingDatastore}: each gets its server's EXEC reply, reads only or not. */
class WatchingDatastoreTest {

    private static final String EXEC_REPLY = "*2\r\n$-1\r\n:0\r\n";

    private final EventLoop loop = new EmbeddedChannel().eventLoop();
    private final List<String> sent = new ArrayList<>();
    private final WatchingDatastore datastore = new WatchingDatastore(new Datastore() {
        @Override
        public CompletableFuture<Void> start() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void execute(Request request, ReplySink sink) {
            sent.add(request.command());
            request.release();
            sink.reply(Unpooled.copiedBuffer(EXEC_REPLY, StandardCharsets.US_ASCII));
        }

        @Override
        public boolean acceptsWrites() {
            return true;
        }

        @Override
        public void close() {
        }
    });

    @Test
    void aUnitOfReadsOnlyIsAnsweredTheServersExecReply() {
        assertThat(run("GET x", "EXISTS x")).containsExactly(EXEC_REPLY);
        assertThat(sent).containsExactly("exec");
    }

    @Test
    void aUnitThatWritesIsAnsweredTheServersExecReply() {
        assertThat(run("SET x 1", "GET x")).containsExactly(EXEC_REPLY);
        assertThat(run("GET x")).containsExactly(EXEC_REPLY);
        assertThat(sent).containsExactly("exec", "exec");
    }

    /** {@code MULTI <commands> EXEC} as one unit through the datastore: what its client was answered. */
    private List<String> run(String... commands) {
        StringBuilder frame = new StringBuilder("*1\r\n$5\r\nMULTI\r\n");
        for (String command : commands) {
            String[] words = command.split(" ");
            frame.append('*').append(words.length).append("\r\n");
            for (String w : words) {
                frame.append('$').append(w.length()).append("\r\n").append(w).append("\r\n");
            }
        }
        frame.append("*1\r\n$4\r\nEXEC\r\n");
        Request unit = new RedisProtocolAdapter().decodeFrame(
                Unpooled.copiedBuffer(frame.toString(), StandardCharsets.US_ASCII));
        List<String> answers = new ArrayList<>();
        datastore.execute(unit, new ReplySink() {
            @Override
            public void reply(ByteBuf reply) {
                answers.add(reply.toString(StandardCharsets.US_ASCII));
                reply.release();
            }

            @Override
            public void error(String message) {
                answers.add("ERROR " + message);
            }

            @Override
            public EventLoop eventLoop() {
                return loop;
            }

            @Override
            public int connectionId() {
                return 1;
            }
        });
        return answers;
    }
}
