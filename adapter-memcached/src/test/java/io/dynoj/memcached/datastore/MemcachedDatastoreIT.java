package io.dynoj.memcached.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.config.ServerAddress;
import io.dynoj.core.net.Transport;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.DatastoreContext;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.memcached.protocol.MemcachedCommand;
import io.dynoj.memcached.protocol.MemcachedRequest;
import io.dynoj.testkit.MemcachedServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The memcached datastore on its own, against a real memcached, with requests built as the protocol
 * adapter builds them: reply pairing across every reply shape in one pipeline, {@code noreply} and
 * quiet meta requests, large values, a server that stops or stalls.
 */
class MemcachedDatastoreIT {

    private static final long TIMEOUT_MS = 400;

    private static MemcachedServer memcached;
    private static EventLoopGroup group;
    private static MetricRegistry metrics;
    private static Datastore datastore;

    @BeforeAll
    static void start() throws Exception {
        memcached = MemcachedServer.start();
        Transport transport = Transport.best();
        group = transport.newGroup(2, "datastore-it");
        NodeConfig config = NodeConfig.builder()
                .protocol("memcached")
                .servers(List.of(new ServerAddress(new HostPort("127.0.0.1", memcached.port()), 1, null)))
                .timeoutMillis(TIMEOUT_MS)
                .datastoreConnections(2)
                .build();
        metrics = new MetricRegistry();
        datastore = new MemcachedDatastoreProvider().create(new DatastoreContext(config.datastoreSettings(), group,
                transport.clientChannelFactory(), null, ProtocolLimits.DEFAULTS, metrics));
        datastore.start().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        datastore.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        memcached.close();
    }

    @BeforeEach
    void flush() {
        if (!memcached.isRunning()) {
            memcached.restart();
        }
        memcached.flushAll();
    }

    /** Collects one answer: the reply as text, or {@code "error: <message>"}. */
    private static final class Sink implements ReplySink {
        final CompletableFuture<String> answer = new CompletableFuture<>();
        final EventLoop loop;
        final int connectionId;

        Sink(EventLoop loop, int connectionId) {
            this.loop = loop;
            this.connectionId = connectionId;
        }

        @Override
        public void reply(ByteBuf reply) {
            String text = reply.toString(StandardCharsets.ISO_8859_1);
            reply.release();
            if (!answer.complete(text)) {
                throw new AssertionError("answered twice");
            }
        }

        @Override
        public void error(String message) {
            if (!answer.complete("error: " + message)) {
                throw new AssertionError("answered twice");
            }
        }

        @Override
        public EventLoop eventLoop() {
            return loop;
        }

        @Override
        public int connectionId() {
            return connectionId;
        }
    }

    /** A request as the adapter would decode {@code text}: command, keys, noreply and quiet flags. */
    static MemcachedRequest request(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuf frame = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
        String line = text.substring(0, text.indexOf('\n')).trim();
        List<String> tokens = Arrays.asList(line.split(" +"));
        MemcachedCommand command = MemcachedCommand.valueOf(tokens.get(0).toUpperCase(Locale.ROOT));
        boolean meta = command.wireName().length() == 2;
        boolean noreply = !meta && tokens.size() > 1 && tokens.get(tokens.size() - 1).equals("noreply");
        int flagsFrom = command == MemcachedCommand.MS ? 3 : 2;
        boolean quiet = meta && tokens.size() > flagsFrom && tokens.subList(flagsFrom, tokens.size()).contains("q");
        List<Integer> keys = new ArrayList<>();
        int keyTokens = command.replyShape() == io.dynoj.memcached.protocol.ReplyShape.VALUES_THEN_END
                ? tokens.size() - (command == MemcachedCommand.GAT || command == MemcachedCommand.GATS ? 2 : 1) : 1;
        int from = 0;
        for (int t = 0; t < tokens.size(); t++) {
            int at = text.indexOf(tokens.get(t), from);
            from = at + tokens.get(t).length();
            int firstKey = command == MemcachedCommand.GAT || command == MemcachedCommand.GATS ? 2 : 1;
            if (t >= firstKey && t < firstKey + keyTokens) {
                keys.add(at);
                keys.add(tokens.get(t).length());
            }
        }
        return MemcachedRequest.of(frame, command, command.kind(), keys.stream().mapToInt(Integer::intValue).toArray(),
                noreply, quiet);
    }

    /** Sends every request in one loop iteration (one pipelined write) for one client connection. */
    private static List<String> pipeline(int connectionId, String... requests) {
        EventLoop loop = group.next();
        List<Sink> sinks = new ArrayList<>();
        for (int i = 0; i < requests.length; i++) {
            sinks.add(new Sink(loop, connectionId));
        }
        loop.execute(() -> {
            for (int i = 0; i < requests.length; i++) {
                datastore.execute(request(requests[i]), sinks.get(i));
            }
        });
        List<String> answers = new ArrayList<>();
        for (Sink sink : sinks) {
            answers.add(sink.answer.orTimeout(10, TimeUnit.SECONDS).join());
        }
        return answers;
    }

    private static String call(String request) {
        return pipeline(1, request).get(0);
    }

    @Test
    void everyReplyShapeIsPairedWithItsRequestInOnePipeline() {
        List<String> answers = pipeline(7,
                "set a 5 0 2\r\nhi\r\n",
                "get a\r\n",
                "get missing\r\n",
                "add a 0 0 1\r\nx\r\n",
                "set b 0 0 4\r\n\r\n\r\n\r\n",
                "get a missing b\r\n",
                "append a 0 0 1\r\n!\r\n",
                "prepend a 0 0 1\r\n<\r\n",
                "set n 0 0 2\r\n10\r\n",
                "incr n 5\r\n",
                "decr n 100\r\n",
                "incr missing 1\r\n",
                "touch a 100\r\n",
                "gat 100 a\r\n",
                "delete b\r\n",
                "delete b\r\n",
                "replace b 0 0 1\r\nx\r\n",
                "get " + "k".repeat(300) + "\r\n",
                "gets a " + "k".repeat(251) + "\r\n",
                "set " + "k".repeat(251) + " 0 0 2\r\nhi\r\n",
                "set " + "k".repeat(250) + " 0 0 2\r\nhi\r\n",
                "mg a v f\r\n",
                "mg missing v\r\n",
                "ms m 3 T0\r\nabc\r\n",
                "mg m s v\r\n",
                "ma n\r\n",
                "ma n v\r\n",
                "md m\r\n",
                "md m\r\n",
                "mg a v E5\r\n",
                "get a\r\n");
        assertThat(answers).containsExactly(
                "STORED\r\n",
                "VALUE a 5 2\r\nhi\r\nEND\r\n",
                "END\r\n",
                "NOT_STORED\r\n",
                "STORED\r\n",
                "VALUE a 5 2\r\nhi\r\nVALUE b 0 4\r\n\r\n\r\n\r\nEND\r\n",
                "STORED\r\n",
                "STORED\r\n",
                "STORED\r\n",
                "15\r\n",
                "0\r\n",
                "NOT_FOUND\r\n",
                "TOUCHED\r\n",
                "VALUE a 5 4\r\n<hi!\r\nEND\r\n",
                "DELETED\r\n",
                "NOT_FOUND\r\n",
                "NOT_STORED\r\n",
                "CLIENT_ERROR bad command line format\r\n",
                "CLIENT_ERROR bad command line format\r\n",
                "CLIENT_ERROR bad command line format\r\n",
                "STORED\r\n",
                "VA 4 f5\r\n<hi!\r\n",
                "EN\r\n",
                "HD\r\n",
                "VA 3 s3\r\nabc\r\n",
                "HD\r\n",
                "VA 1\r\n2\r\n",
                "HD\r\n",
                "NF\r\n",
                "CLIENT_ERROR invalid flag\r\n",
                "VALUE a 5 4\r\n<hi!\r\nEND\r\n");
        String gets = call("gets a\r\n");
        assertThat(gets).matches("VALUE a 5 4 \\d+\r\n<hi!\r\nEND\r\n");
    }

    @Test
    void noreplyRequestsAreAnsweredByTheServerAndStayInOrder() {
        List<String> answers = pipeline(3,
                "set k 0 0 5 noreply\r\nv\r\nv\n\r\n",
                "get k\r\n",
                "add k 0 0 1 noreply\r\nx\r\n",
                "incr k 1 noreply\r\n",
                "set c 0 0 1 noreply\r\n1\r\n",
                "incr c 41 noreply\r\n",
                "delete gone noreply\r\n",
                "get c k\r\n",
                "touch c 10 noreply\r\n",
                "delete c noreply\r\n",
                "get c\r\n");
        assertThat(answers).containsExactly(
                "STORED\r\n",
                "VALUE k 0 5\r\nv\r\nv\n\r\nEND\r\n",
                "NOT_STORED\r\n",
                "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n",
                "STORED\r\n",
                "42\r\n",
                "NOT_FOUND\r\n",
                "VALUE c 0 2\r\n42\r\nVALUE k 0 5\r\nv\r\nv\n\r\nEND\r\n",
                "TOUCHED\r\n",
                "DELETED\r\n",
                "END\r\n");
    }

    @Test
    void quietMetaRequestsGetAnEmptyReplyWhereMemcachedWouldStaySilent() {
        List<String> answers = pipeline(5,
                "mg missing v q\r\n",
                "mg missing q k O1\r\n",
                "ms k 2 q\r\nhi\r\n",
                "ms k 2 q C1\r\nhi\r\n",
                "ms new 2 q MR\r\nhi\r\n",
                "mg k v q O7\r\n",
                "mg k q\r\n",
                "md k q\r\n",
                "md k q\r\n",
                "ma cnt q\r\n",
                "ma cnt q N0 v\r\n",
                "ma cnt q v\r\n",
                "ma cnt q\r\n",
                "ma cnt q C1\r\n",
                "mg cnt v\r\n",
                "mg cnt v q E5\r\n",
                "ms s 1\r\nx\r\n",
                "ma s q\r\n",
                "mg missing v\r\n");
        assertThat(answers).containsExactly(
                "",
                "",
                "",
                "EX\r\n",
                "NS\r\n",
                "VA 2 O7\r\nhi\r\n",
                "HD\r\n",
                "",
                "NF\r\n",
                "NF\r\n",
                "VA 1\r\n0\r\n",
                "",
                "",
                "EX\r\n",
                "VA 1\r\n2\r\n",
                "CLIENT_ERROR invalid flag\r\n",
                "HD\r\n",
                "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n",
                "EN\r\n");
    }

    @Test
    void largeBinaryValuesPassThroughWhole() {
        byte[] data = new byte[500 * 1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 13 == 0 ? '\r' : i % 17 == 0 ? '\n' : i * 31);
        }
        String value = new String(data, StandardCharsets.ISO_8859_1);
        List<String> answers = pipeline(9,
                "set big 1 0 " + data.length + "\r\n" + value + "\r\n",
                "get big\r\n",
                "set big2 0 0 " + data.length + " noreply\r\n" + value + "\r\n",
                "mg big2 v s\r\n",
                "get big big2\r\n");
        assertThat(answers.get(0)).isEqualTo("STORED\r\n");
        assertThat(answers.get(1)).isEqualTo("VALUE big 1 " + data.length + "\r\n" + value + "\r\nEND\r\n");
        assertThat(answers.get(2)).isEqualTo("STORED\r\n");
        assertThat(answers.get(3)).isEqualTo("VA " + data.length + " s" + data.length + "\r\n" + value + "\r\n");
        assertThat(answers.get(4)).isEqualTo("VALUE big 1 " + data.length + "\r\n" + value + "\r\n"
                + "VALUE big2 0 " + data.length + "\r\n" + value + "\r\nEND\r\n");
    }

    @Test
    void manyClientConnectionsInterleaveOnSharedConnections() throws Exception {
        many(16, 300);
    }

    /** Queuing thousands of requests takes the loop a while: that time is not the server's to answer in. */
    @Test
    void aLongPipelineIsNotMistakenForAStalledServer() throws Exception {
        many(1, 6000);
    }

    private void many(int clients, int perClient) throws Exception {
        List<CompletableFuture<List<String>>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            String[] requests = new String[perClient];
            for (int i = 0; i < perClient; i++) {
                String key = "c" + client + ":" + (i / 3);
                requests[i] = switch (i % 3) {
                    case 0 -> "set " + key + " " + client + " 0 " + key.length() + "\r\n" + key + "\r\n";
                    case 1 -> "get " + key + "\r\n";
                    default -> "mg " + key + " v q\r\n";
                };
            }
            results.add(CompletableFuture.supplyAsync(() -> pipeline(client, requests)));
        }
        for (int c = 0; c < clients; c++) {
            List<String> answers = results.get(c).get(30, TimeUnit.SECONDS);
            for (int i = 0; i < perClient; i++) {
                String key = "c" + c + ":" + (i / 3);
                String expected = switch (i % 3) {
                    case 0 -> "STORED\r\n";
                    case 1 -> "VALUE " + key + " " + c + " " + key.length() + "\r\n" + key + "\r\nEND\r\n";
                    default -> "VA " + key.length() + "\r\n" + key + "\r\n";
                };
                assertThat(answers.get(i)).as("client %d request %d", c, i).isEqualTo(expected);
            }
        }
    }

    @Test
    void aStoppedServerIsAnErrorAtOnceAndTheConnectionComesBack() {
        assertThat(call("set k 0 0 1\r\nv\r\n")).isEqualTo("STORED\r\n");
        memcached.stop();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(call("get k\r\n")).startsWith("error: ").contains("datastore"));
        memcached.restart();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(pipeline(1, "set k 0 0 1\r\nw\r\n", "get k\r\n"))
                        .containsExactly("STORED\r\n", "VALUE k 0 1\r\nw\r\nEND\r\n"));
    }

    @Test
    void aStalledServerTimesOutAndEveryWaitingRequestGetsAnError() {
        assertThat(call("set k 0 0 1\r\nv\r\n")).isEqualTo("STORED\r\n");
        long timeoutsBefore = metrics.counter("datastore.memcached.timeouts").getCount();
        memcached.freeze();
        try {
            long started = System.nanoTime();
            List<String> answers = pipeline(1, "get k\r\n", "mg k v q\r\n", "set k 0 0 1 noreply\r\nx\r\n");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(TIMEOUT_MS * 5));
            assertThat(answers).allSatisfy(a -> assertThat(a).startsWith("error: timeout"));
        } finally {
            memcached.thaw();
        }
        assertThat(metrics.counter("datastore.memcached.timeouts").getCount()).isGreaterThan(timeoutsBefore);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(pipeline(1, "get k\r\n")).containsExactly("VALUE k 0 1\r\nv\r\nEND\r\n"));
    }

    @Test
    void aCallerOnAnotherThreadIsHandedToTheConnectionsLoop() throws Exception {
        EventLoopGroup other = Transport.NIO.newGroup(1, "foreign");
        try {
            Sink sink = new Sink(other.next(), 4);
            sink.loop.execute(() -> datastore.execute(request("set x 0 0 1\r\n1\r\n"), sink));
            assertThat(sink.answer.get(10, TimeUnit.SECONDS)).isEqualTo("STORED\r\n");
            assertThat(metrics.counter("datastore.memcached.cross_thread_handoffs").getCount()).isPositive();
        } finally {
            other.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
