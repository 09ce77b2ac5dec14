package io.dynoj.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.DatastoreSettings;
import io.dynoj.core.spi.DatastoreContext;
import io.dynoj.core.spi.FrameRequest;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit through {@link StoreDatastore} on an event loop (an {@link EmbeddedChannel}'s, whose
 * tasks run when the test says): plain writes are written as one batch after the loop iteration and
 * answered only then; any other command first commits what is staged; a failing batch fails its writes
 * and no others.
 */
class GroupCommitTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final MemoryStore store = new MemoryStore();
    private final FakeEngine engine = new FakeEngine(store);
    private final List<String> answers = new ArrayList<>();
    private final StoreDatastore datastore = new StoreDatastore("memory", () -> store,
            new CommandEngineFactory() {
                @Override
                public String protocol() {
                    return "fake";
                }

                @Override
                public CommandEngine create(OrderedStore s, EngineSettings settings, MetricRegistry metrics) {
                    return engine;
                }
            },
            new DatastoreContext(new DatastoreSettings("memory", java.util.List.of(), 1000, 1, null, null), null, null,
                    null, ProtocolLimits.DEFAULTS, new MetricRegistry()));

    GroupCommitTest() {
        datastore.start().join();
    }

    @AfterEach
    void close() {
        datastore.close();
        channel.finishAndReleaseAll();
    }

    @Test
    void writesOfOneIterationAreOneBatchAnsweredAfterIt() {
        send("set a 1");
        send("set b 2");
        send("set a 3");
        assertThat(answers).as("nothing is acknowledged before the batch is written").isEmpty();
        assertThat(store.get(bytes("a"))).isNull();

        channel.runPendingTasks();

        assertThat(answers).containsExactly("OK 1", "OK 2", "OK 3");
        assertThat(engine.commits).containsExactly(3);
        assertThat(store.get(bytes("a"))).as("the last write of a key wins").isEqualTo(bytes("3"));
    }

    @Test
    void anyOtherCommandCommitsWhatIsStagedFirst() {
        send("set a 1");
        send("get a");

        assertThat(answers).as("the write is answered, then the read, which saw it")
                .containsExactly("OK 1", "1");
        channel.runPendingTasks();
        assertThat(answers).hasSize(2);
        assertThat(engine.commits).containsExactly(1);
    }

    @Test
    void aFailingBatchFailsExactlyItsWrites() {
        send("set a 1");
        send("set b 2");
        engine.failNext = true;
        channel.runPendingTasks();
        send("set c 3");
        channel.runPendingTasks();

        assertThat(answers).containsExactly("error: disk full", "error: disk full", "OK 3");
        assertThat(store.get(bytes("a"))).isNull();
        assertThat(store.get(bytes("c"))).isEqualTo(bytes("3"));
    }

    @Test
    void aFullGroupIsWrittenWithoutWaitingForTheIteration() {
        for (int i = 0; i < GroupCommit.MAX_WRITES; i++) {
            send("set k" + i + " " + i);
        }
        assertThat(answers).hasSize(GroupCommit.MAX_WRITES);
        assertThat(engine.commits).containsExactly(GroupCommit.MAX_WRITES);
        channel.runPendingTasks();
        assertThat(engine.commits).hasSize(1);
    }

    @Test
    void offTheSinksEventLoopNothingIsStaged() throws Exception {
        DefaultEventLoop other = new DefaultEventLoop();
        try {
            datastore.execute(new Line("set a 1"), new Sink(other));
            assertThat(answers).as("answered at once, written alone").containsExactly("OK 1");
            assertThat(engine.commits).isEmpty();
        } finally {
            other.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }

    private void send(String line) {
        datastore.execute(new Line(line), new Sink(channel.eventLoop()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Stages {@code set k v} (its reply {@code OK v}), runs {@code get k}; fails a commit when told to. */
    private static final class FakeEngine implements CommandEngine {
        private final OrderedStore store;
        final List<Integer> commits = new ArrayList<>();
        boolean failNext;

        FakeEngine(OrderedStore store) {
            this.store = store;
        }

        @Override
        public ByteBuf stage(Request request, StoreBatch group, ByteBufAllocator alloc) {
            String[] words = text(request).split(" ");
            if (!words[0].equals("set")) {
                return null;
            }
            group.put(bytes(words[1]), bytes(words[2]));
            return Unpooled.copiedBuffer("OK " + words[2], StandardCharsets.UTF_8);
        }

        @Override
        public void commitStaged(StoreBatch group) {
            if (failNext) {
                failNext = false;
                throw new StoreException("disk full");
            }
            store.write(group);
            commits.add(group.size());
        }

        @Override
        public ByteBuf execute(Request request, ByteBufAllocator alloc) {
            String[] words = text(request).split(" ");
            String value = words[0].equals("get") ? new String(store.get(bytes(words[1])), StandardCharsets.UTF_8)
                    : "OK " + words[2];
            if (words[0].equals("set")) {
                store.put(bytes(words[1]), bytes(words[2]));
            }
            return Unpooled.copiedBuffer(value, StandardCharsets.UTF_8);
        }

        private static String text(Request request) {
            return request.frame().toString(StandardCharsets.UTF_8);
        }
    }

    private static final class Line extends FrameRequest {
        Line(String text) {
            super(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), NO_KEYS, null, false);
        }

        @Override
        public String command() {
            return frame().toString(StandardCharsets.UTF_8).split(" ")[0];
        }

        @Override
        public RequestKind kind() {
            return command().equals("set") ? RequestKind.WRITE : RequestKind.READ;
        }

        @Override
        public Request retainedDuplicate() {
            throw new UnsupportedOperationException();
        }
    }

    private final class Sink implements ReplySink {
        private final EventLoop loop;

        Sink(EventLoop loop) {
            this.loop = loop;
        }

        @Override
        public void reply(ByteBuf reply) {
            synchronized (answers) {
                answers.add(reply.toString(StandardCharsets.UTF_8));
            }
            reply.release();
        }

        @Override
        public void error(String message) {
            synchronized (answers) {
                answers.add("error: " + message);
            }
        }

        @Override
        public EventLoop eventLoop() {
            return loop;
        }

        @Override
        public int connectionId() {
            return 0;
        }
    }
}
