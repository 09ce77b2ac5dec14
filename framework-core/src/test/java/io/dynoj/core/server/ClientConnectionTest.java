package io.dynoj.core.server;

import static io.dynoj.core.server.LineProtocol.written;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.routing.ConsistencySettings;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Replies leave a connection in request order whatever order the datastore answers in, on a test
 * protocol of one request per line ("!x" lines are answered by the node itself).
 */
class ClientConnectionTest {

    private final HeldDatastore datastore = new HeldDatastore();

    private final MetricRegistry registry = new MetricRegistry();

    private EmbeddedChannel channel(int maxInFlight) {
        return channel(maxInFlight, new ServerMetrics(registry, true));
    }

    private EmbeddedChannel channel(int maxInFlight, ServerMetrics metrics) {
        return new EmbeddedChannel(new LineProtocol().newDecoder(ProtocolLimits.DEFAULTS),
                new ClientConnection(new LineProtocol(), datastore::execute, metrics, maxInFlight, 1,
                new ConsistencySettings(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_ONE)));
    }

    private long commandCount(String command) {
        Timer timer = registry.getTimers().get(CommandTimers.PREFIX + command);
        return timer == null ? -1 : timer.getCount();
    }

    @Test
    void repliesAreWrittenInRequestOrder() {
        EmbeddedChannel ch = channel(100);
        ch.writeInbound(Unpooled.copiedBuffer("a\nb\nc\n", StandardCharsets.UTF_8));
        datastore.answer("c");
        datastore.answer("a");
        assertThat(written(ch)).isEqualTo("a\n");
        datastore.answer("b");
        assertThat(written(ch)).isEqualTo("b\nc\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void localAnswersWaitForEarlierRequests() {
        EmbeddedChannel ch = channel(100);
        ch.writeInbound(Unpooled.copiedBuffer("a\n!pong\n", StandardCharsets.UTF_8));
        assertThat(written(ch)).isEmpty();
        datastore.answer("a");
        assertThat(written(ch)).isEqualTo("a\npong\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void aPushedMessageWaitsForTheRepliesAlreadyDueAndIsDroppedOnceClosed() {
        ClientConnection connection = new ClientConnection(new LineProtocol(), datastore::execute,
                new ServerMetrics(registry, true), 100, 1,
                new ConsistencySettings(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_ONE));
        EmbeddedChannel ch = new EmbeddedChannel(new LineProtocol().newDecoder(ProtocolLimits.DEFAULTS), connection);
        ch.writeInbound(Unpooled.copiedBuffer("a\n", StandardCharsets.UTF_8));
        connection.session().push(Unpooled.copiedBuffer("message\n", StandardCharsets.UTF_8));
        ch.runPendingTasks();
        assertThat(written(ch)).as("not inside the reply still due").isEmpty();
        datastore.answer("a");
        assertThat(written(ch)).isEqualTo("a\nmessage\n");
        ch.close();
        ByteBuf late = Unpooled.copiedBuffer("late\n", StandardCharsets.UTF_8);
        connection.push(late);
        assertThat(late.refCnt()).as("released, not written").isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void errorsAreWrittenByTheProtocol() {
        EmbeddedChannel ch = channel(100);
        ch.writeInbound(Unpooled.copiedBuffer("a\n", StandardCharsets.UTF_8));
        datastore.held.remove("a").error("boom");
        assertThat(written(ch)).isEqualTo("ERROR boom\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void readingPausesWhileTooManyRequestsAreInFlight() {
        EmbeddedChannel ch = channel(2);
        ch.writeInbound(Unpooled.copiedBuffer("a\nb\n", StandardCharsets.UTF_8));
        assertThat(ch.config().isAutoRead()).isFalse();
        datastore.answer("a");
        assertThat(ch.config().isAutoRead()).isTrue();
        datastore.answer("b");
        assertThat(written(ch)).isEqualTo("a\nb\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void requestsWithoutReplyRunButWriteNothingAndCountAsInFlight() {
        EmbeddedChannel ch = channel(2);
        ch.writeInbound(Unpooled.copiedBuffer("~quiet\n~quiet2\n", StandardCharsets.UTF_8));
        assertThat(ch.config().isAutoRead()).as("two silent requests fill the window").isFalse();
        datastore.answer("~quiet");
        datastore.answer("~quiet2");
        assertThat(ch.config().isAutoRead()).isTrue();
        assertThat(written(ch)).isEmpty();
        ch.finishAndReleaseAll();
    }

    @Test
    void repliesArrivingAfterCloseAreReleased() {
        EmbeddedChannel ch = channel(100);
        ch.writeInbound(Unpooled.copiedBuffer("a\n", StandardCharsets.UTF_8));
        ch.close();
        ByteBuf reply = Unpooled.copiedBuffer("late\n", StandardCharsets.UTF_8);
        datastore.held.remove("a").reply(reply);
        assertThat(reply.refCnt()).isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void eachCommandIsCountedAndTimedWhenItsReplyIsSent() {
        EmbeddedChannel ch = channel(100);
        ch.writeInbound(Unpooled.copiedBuffer("!pong\na\nb\n!pong\n\n~quiet\n", StandardCharsets.UTF_8));
        written(ch);
        assertThat(commandCount("!pong")).as("the first one was sent, the second waits behind a").isEqualTo(1);
        assertThat(commandCount("a")).as("still waiting for the datastore").isZero();
        datastore.answer("b");
        written(ch);
        assertThat(commandCount("b")).as("answered, but its reply waits behind a's").isZero();
        datastore.answer("a");
        written(ch);
        assertThat(commandCount("a")).isEqualTo(1);
        assertThat(commandCount("b")).isEqualTo(1);
        assertThat(commandCount("!pong")).isEqualTo(2);
        assertThat(commandCount("unknown")).as("a request without a name, still waiting").isZero();
        datastore.held.remove("").error("no name");
        written(ch);
        assertThat(commandCount("unknown")).isEqualTo(1);
        datastore.held.remove("~quiet").error("dropped");
        assertThat(commandCount("~quiet")).as("no reply wanted: timed when the datastore is done").isEqualTo(1);
        assertThat(registry.getCounters().get("client.requests").getCount()).isEqualTo(6);
        assertThat(registry.getTimers().get(CommandTimers.PREFIX + "a").getSnapshot().getMax()).isPositive();
        ch.finishAndReleaseAll();
    }

    @Test
    void commandNamesBeyondTheCapShareOneTimer() {
        EmbeddedChannel ch = channel(100_000);
        StringBuilder lines = new StringBuilder();
        int names = CommandTimers.MAX_NAMES + 100;
        for (int i = 0; i < names; i++) {
            lines.append("!n").append(i).append('\n');
        }
        ch.writeInbound(Unpooled.copiedBuffer(lines, StandardCharsets.UTF_8));
        long perName = registry.getTimers().keySet().stream().filter(n -> n.startsWith(CommandTimers.PREFIX + "!n")).count();
        assertThat(perName).isEqualTo(CommandTimers.MAX_NAMES);
        assertThat(commandCount("other")).isEqualTo(100);
        written(ch);
        ch.finishAndReleaseAll();
    }

    @Test
    void withTimingOffNoCommandIsTimed() {
        EmbeddedChannel ch = channel(100, new ServerMetrics(registry, false));
        ch.writeInbound(Unpooled.copiedBuffer("!pong\na\n", StandardCharsets.UTF_8));
        datastore.answer("a");
        assertThat(written(ch)).isEqualTo("pong\na\n");
        assertThat(registry.getTimers()).isEmpty();
        assertThat(registry.getCounters().get("client.requests").getCount()).isEqualTo(2);
        ch.finishAndReleaseAll();
    }

    @Test
    void openConnectionsAreAGauge() {
        EmbeddedChannel ch = channel(100);
        assertThat(registry.getGauges().get("client.connections").getValue()).isEqualTo(1L);
        ch.close();
        assertThat(registry.getGauges().get("client.connections").getValue()).isEqualTo(0L);
        assertThat(registry.getCounters().get("client.connections.opened").getCount()).isEqualTo(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void aConnectionTheLimiterRefusesIsCountedAsRefusedNotAsOpen() {
        ServerMetrics metrics = new ServerMetrics(registry, true);
        EmbeddedChannel refused = new EmbeddedChannel(new ConnectionLimiter(0, new LineProtocol(), metrics),
                new ClientConnection(new LineProtocol(), datastore::execute, metrics, 100, 2,
                        new ConsistencySettings(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_ONE)));
        assertThat(written(refused)).isEqualTo("ERROR max number of clients reached\n");
        refused.finishAndReleaseAll();
        assertThat(refused.isOpen()).isFalse();
        assertThat(registry.getGauges().get("client.connections").getValue()).isEqualTo(0L);
        assertThat(registry.getCounters().get("client.connections.rejected").getCount()).isEqualTo(1);
    }

    @Test
    void openConnectionsAreListedWithTheirLastCommandUntilTheyClose() {
        ClientRegistry clients = new ClientRegistry();
        ConsistencySettings levels = new ConsistencySettings(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_ONE);
        ClientConnection first = new ClientConnection(new LineProtocol(), datastore::execute,
                new ServerMetrics(registry, true), 100, 5, levels, clients, false);
        EmbeddedChannel a = new EmbeddedChannel(new LineProtocol().newDecoder(ProtocolLimits.DEFAULTS), first);
        EmbeddedChannel b = new EmbeddedChannel(new LineProtocol().newDecoder(ProtocolLimits.DEFAULTS),
                new ClientConnection(new LineProtocol(), datastore::execute, new ServerMetrics(new MetricRegistry(), true),
                        100, 6, levels, clients, false));
        a.writeInbound(Unpooled.copiedBuffer("get\n", StandardCharsets.UTF_8));
        assertThat(first.session().info().id()).isEqualTo(5);
        assertThat(first.session().info().lastCommand()).isEqualTo("get");
        assertThat(first.session().clients()).extracting(c -> c.id()).containsExactly(5L, 6L);
        b.finishAndReleaseAll();
        assertThat(first.session().clients()).extracting(c -> c.id()).containsExactly(5L);
        a.finishAndReleaseAll();
        assertThat(clients.snapshot()).isEmpty();
    }

    /** Holds each request until the test answers it. */
    private static final class HeldDatastore implements Datastore {
        final Map<String, ReplySink> held = new LinkedHashMap<>();

        @Override
        public CompletableFuture<Void> start() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void execute(Request request, ReplySink sink) {
            held.put(request.command(), sink);
            request.release();
        }

        void answer(String key) {
            held.remove(key).reply(Unpooled.copiedBuffer(key + "\n", StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
        }
    }
}
