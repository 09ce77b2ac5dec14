package io.dynoj.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dynoj.testkit.fuzz.FuzzBytes;
import io.dynoj.testkit.fuzz.FuzzDriver;
import io.dynoj.testkit.fuzz.Mutations;
import io.dynoj.testkit.fuzz.TrackingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Fuzzes the admin port's whole pipeline ({@link AdminChannelInitializer}: HTTP codec, keep-alive, aggregator,
 * {@link AdminHandler}, {@link AdminRouter} and the endpoints) on an {@link EmbeddedChannel}: any bytes, cut
 * anywhere. The input's bytes choose valid GET requests (known and unknown paths, queries, odd slashes and
 * percent-escapes), the same mutated, or the raw bytes. Every input must leave: no exception out of the
 * pipeline, no 500 (an endpoint that threw), every buffer released, and valid requests each answered once,
 * in order, {@code /ping} with {@code pong}.
 */
class AdminPipelineFuzzTest {

    private static final AdminChannelInitializer PIPELINE = new AdminChannelInitializer(
            AdminRoutes.of(FakeAdminContext.create()));

    /** Paths that answer, one that does not, and the shapes a path may take (and /metrics, below). */
    private static final String[] PATHS = {"/ping", "/info", "/get_consistency", "/cluster_describe",
        "/state/get_state", "/metrics/json", "/no_such_endpoint", "/set_consistency/read/dc_one",
        "//ping//", "/ping?x=%zz", "/%70ing", "/state/", "/"};

    /** Jazzer's search, in the fuzz profile only: its agent would slow every other test of the JVM. */
    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = "1")
    void jazzer(byte[] data) {
        check(data);
    }

    @Test
    void generatedInputs() {
        assertThat(FuzzDriver.run(AdminPipelineFuzzTest::check)).isGreaterThanOrEqualTo(1);
    }

    static void check(byte[] data) {
        FuzzBytes in = new FuzzBytes(data);
        int mode = in.nextInt(3);
        List<String> paths = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        int requests = 1 + in.nextInt(3);
        for (int i = 0; i < requests && mode != 2; i++) {
            // /metrics scrapes the JVM's own metrics (milliseconds): now and then only.
            String path = in.nextInt(64) == 0 ? "/metrics" : in.nextInt(4) == 0 ? "/" + Mutations.word(in) : in.pick(PATHS);
            paths.add(path);
            StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: x\r\n");
            if (in.nextBoolean()) {
                request.append("Accept: ").append(in.pick("application/json", "text/plain", "*/*", "")).append("\r\n");
            }
            wire.writeBytes(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] bytes = switch (mode) {
            case 1 -> Mutations.apply(wire.toByteArray(), in);
            case 2 -> in.nextBytes(in.remaining());
            default -> wire.toByteArray();
        };
        // /setloglevel changes the JVM's root logger: put back whatever an input set it to.
        boolean logLevel = new String(bytes, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains("setloglevel");
        String rootLevel = logLevel ? LogbackLevels.setRoot("WARN") : null;

        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(PIPELINE);
        ByteArrayOutputStream answers = new ByteArrayOutputStream();
        try {
            for (byte[] chunk : Mutations.chunks(bytes, in)) {
                if (!ch.isOpen()) {
                    break;
                }
                ch.writeInbound(alloc.copyOf(chunk));
                drain(ch, answers);
            }
            ch.runPendingTasks();
            drain(ch, answers);
            List<FullHttpResponse> responses = parse(answers.toByteArray());
            try {
                for (FullHttpResponse r : responses) {
                    assertThat(r.status().code()).as("an endpoint failed").isNotEqualTo(500);
                }
                if (mode == 0) {
                    assertThat(responses).as("one answer per request").hasSameSizeAs(paths);
                    for (int i = 0; i < paths.size(); i++) {
                        if (AdminRouter.normalize(paths.get(i)).equals("/ping")) {
                            assertThat(responses.get(i).content().toString(StandardCharsets.UTF_8)).isEqualTo("pong");
                        }
                    }
                }
            } finally {
                responses.forEach(FullHttpResponse::release);
            }
        } finally {
            ch.finishAndReleaseAll();
            if (logLevel) {
                LogbackLevels.setRoot(rootLevel);
            }
        }
        assertThat(alloc.unreleased()).as("buffers left unreleased").isEmpty();
    }

    private static void drain(EmbeddedChannel ch, ByteArrayOutputStream answers) {
        Object out;
        while ((out = ch.readOutbound()) != null) {
            ByteBuf buf = (ByteBuf) out;
            try {
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                answers.writeBytes(bytes);
            } finally {
                buf.release();
            }
        }
    }

    /** The responses in {@code bytes}, read by Netty's own client-side decoder. */
    private static List<FullHttpResponse> parse(byte[] bytes) {
        EmbeddedChannel client = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 22));
        client.writeInbound(Unpooled.wrappedBuffer(bytes));
        client.finish();
        List<FullHttpResponse> out = new ArrayList<>();
        FullHttpResponse r;
        while ((r = client.readInbound()) != null) {
            out.add(r);
        }
        return out;
    }
}
