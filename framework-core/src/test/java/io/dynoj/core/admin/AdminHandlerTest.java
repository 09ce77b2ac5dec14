package io.dynoj.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.databind.JsonNode;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.state.ServingState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routing, status codes and JSON bodies on an {@link EmbeddedChannel}; then the whole pipeline on raw bytes. */
class AdminHandlerTest {

    private final FakeAdminContext context = FakeAdminContext.create();
    private final EmbeddedChannel channel = new EmbeddedChannel(new AdminHandler(AdminRoutes.of(context)));

    @AfterEach
    void closeChannel() {
        channel.finishAndReleaseAll();
    }

    /** What one request got back: status, content type, body, and the Allow header if any. */
    private record Reply(int status, String contentType, String body, String allow) {

        JsonNode json() throws Exception {
            assertThat(contentType).isEqualTo(AdminResponse.JSON);
            return AdminJson.MAPPER.readTree(body);
        }
    }

    private Reply request(HttpMethod method, String uri) {
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri));
        FullHttpResponse response = channel.readOutbound();
        try {
            assertThat(response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
                    .isEqualTo(response.content().readableBytes());
            return new Reply(response.status().code(), response.headers().get(HttpHeaderNames.CONTENT_TYPE),
                    response.content().toString(StandardCharsets.UTF_8), response.headers().get(HttpHeaderNames.ALLOW));
        } finally {
            response.release();
        }
    }

    private Reply get(String uri) {
        return request(HttpMethod.GET, uri);
    }

    @Test
    void pingAnswersPong() {
        Reply reply = get("/ping");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo(AdminResponse.TEXT);
        assertThat(reply.body()).isEqualTo("pong");
    }

    @Test
    void pathsMatchWithTrailingSlashDoubleSlashesAndQueryString() {
        assertThat(get("/ping/").body()).isEqualTo("pong");
        assertThat(get("//ping//").body()).isEqualTo("pong");
        assertThat(get("/ping?verbose=1").body()).isEqualTo("pong");
        assertThat(get("/state/get_state/").status()).isEqualTo(200);
    }

    @Test
    void getConsistencyAnswersBothLevels() throws Exception {
        JsonNode json = get("/get_consistency").json();
        assertThat(json.get("read").asText()).isEqualTo("DC_ONE");
        assertThat(json.get("write").asText()).isEqualTo("DC_QUORUM");
    }

    @Test
    void setConsistencyChangesTheSettingsAndAnswersBothLevels() throws Exception {
        JsonNode json = get("/set_consistency/read/dc_quorum").json();
        assertThat(json.get("read").asText()).isEqualTo("DC_QUORUM");
        assertThat(json.get("write").asText()).isEqualTo("DC_QUORUM");
        assertThat(context.consistency().read()).isEqualTo(ConsistencyLevel.DC_QUORUM);

        json = get("/set_consistency/WRITE/Dc_Each_Safe_Quorum/").json();
        assertThat(json.get("write").asText()).isEqualTo("DC_EACH_SAFE_QUORUM");
        assertThat(context.consistency().write()).isEqualTo(ConsistencyLevel.DC_EACH_SAFE_QUORUM);
        assertThat(get("/get_consistency").json().get("write").asText()).isEqualTo("DC_EACH_SAFE_QUORUM");
    }

    @Test
    void setConsistencyRejectsABadLevelNamingTheValidOnes() throws Exception {
        Reply reply = get("/set_consistency/read/dc_two");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText())
                .contains("dc_two", "DC_ONE", "DC_QUORUM", "DC_SAFE_QUORUM", "DC_EACH_SAFE_QUORUM");
        assertThat(context.consistency().read()).isEqualTo(ConsistencyLevel.DC_ONE);
    }

    @Test
    void setConsistencyRejectsABadTargetNamingTheValidOnes() throws Exception {
        Reply reply = get("/set_consistency/sideways/dc_one");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).contains("sideways", "read", "write");
    }

    @Test
    void setConsistencyNeedsExactlyTargetAndLevel() throws Exception {
        for (String uri : List.of("/set_consistency", "/set_consistency/read", "/set_consistency/read/dc_one/extra")) {
            Reply reply = get(uri);
            assertThat(reply.status()).as(uri).isEqualTo(400);
            assertThat(reply.json().get("error").asText()).as(uri).contains("/set_consistency/<read|write>/<level>");
        }
        assertThat(context.consistency().read()).isEqualTo(ConsistencyLevel.DC_ONE);
    }

    @Test
    void clusterDescribeListsTheLocalDatacenterFirstThenTheRemoteOnesWithHowKeysArePlaced() throws Exception {
        JsonNode json = get("/cluster_describe").json();
        assertThat(json.get("version").asLong()).isEqualTo(7);
        assertThat(json.get("hash").asText()).isEqualTo("fnv1a_64");
        assertThat(json.get("hash_tag").asText()).isEqualTo("{}");
        JsonNode dcs = json.get("dcs");
        assertThat(dcs).hasSize(2);

        JsonNode dc1 = dcs.get(0);
        assertThat(dc1.get("name").asText()).isEqualTo("dc1");
        assertThat(dc1.get("racks")).hasSize(2);
        JsonNode r1 = dc1.get("racks").get(0);
        assertThat(r1.get("name").asText()).isEqualTo("r1");
        assertThat(r1.get("servers")).hasSize(2);
        JsonNode local = r1.get("servers").get(0);
        assertThat(local.get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(local.get("port").asInt()).isEqualTo(8101);
        assertThat(local.get("token")).hasSize(1);
        assertThat(local.get("token").get(0).asLong()).isZero();
        assertThat(local.get("local").asBoolean()).isTrue();
        assertThat(local.get("state").asText()).as("a node is UP to itself").isEqualTo("UP");
        // The node knows its own client address only: 127.0.0.1:8102 in FakeAdminContext.
        assertThat(local.get("client_host").asText()).isEqualTo("127.0.0.1");
        assertThat(local.get("client_port").asInt()).isEqualTo(8102);
        JsonNode other = r1.get("servers").get(1);
        assertThat(other.get("host").asText()).isEqualTo("127.0.0.2");
        assertThat(other.get("token").get(0).asLong()).isEqualTo(2147483648L);
        assertThat(other.get("local").asBoolean()).isFalse();
        assertThat(other.get("state").asText()).isEqualTo("DOWN");
        assertThat(other.get("phi").asDouble()).isEqualTo(9.5);
        assertThat(other.has("client_port")).isFalse();
        assertThat(dc1.get("racks").get(1).get("name").asText()).isEqualTo("r2");

        JsonNode dc2 = dcs.get(1);
        assertThat(dc2.get("name").asText()).isEqualTo("dc2");
        JsonNode remote = dc2.get("racks").get(0).get("servers").get(0);
        assertThat(remote.get("host").asText()).isEqualTo("10.0.0.1");
        assertThat(remote.get("port").asInt()).isEqualTo(8102);
        assertThat(remote.get("token").get(0).asLong()).isEqualTo(100);
        assertThat(remote.get("token").get(1).asLong()).isEqualTo(4000000000L);
    }

    @Test
    void getStateAnswersInDynomitesTextForm() {
        Reply reply = get("/state/get_state");
        assertThat(reply.contentType()).isEqualTo(AdminResponse.TEXT);
        assertThat(reply.body()).isEqualTo("State: NORMAL\n");
    }

    @Test
    void eachStatePathChangesTheStateAndAnswersIt() {
        for (ServingState state : List.of(ServingState.STANDBY, ServingState.WRITES_ONLY, ServingState.RESUMING,
                ServingState.NORMAL)) {
            String name = state.name().toLowerCase(java.util.Locale.ROOT);
            Reply reply = get("/state/" + name);
            assertThat(reply.status()).as(name).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("State: " + state.name() + "\n");
            assertThat(context.servingState()).isEqualTo(state);
            assertThat(get("/state/get_state").body()).isEqualTo("State: " + state.name() + "\n");
        }
        assertThat(get("/state/WRITES_ONLY/").status()).isEqualTo(200);
        assertThat(context.servingState()).isEqualTo(ServingState.WRITES_ONLY);
    }

    @Test
    void unknownOrMalformedStatePathsAre400AndChangeNothing() throws Exception {
        for (String uri : List.of("/state/joining", "/state", "/state/normal/extra")) {
            Reply reply = get(uri);
            assertThat(reply.status()).as(uri).isEqualTo(400);
            assertThat(reply.json().get("error").asText()).as(uri).contains("standby");
        }
        assertThat(context.servingState()).isEqualTo(ServingState.NORMAL);
    }

    @Test
    void metricsJsonExportsCountersAndGauges() throws Exception {
        context.metrics().gauge("broken", () -> (Gauge<Integer>) () -> {
            throw new IllegalStateException("boom");
        });
        context.metrics().gauge("object", () -> () -> List.of(1, 2));
        JsonNode json = get("/metrics/json").json();
        assertThat(json.get("counters").get("client.requests").asLong()).isEqualTo(42);
        assertThat(json.get("gauges").get("client.connections").asInt()).isEqualTo(3);
        assertThat(json.get("gauges").get("broken").isNull()).isTrue();
        assertThat(json.get("gauges").get("object").asText()).isEqualTo("[1, 2]");
    }

    @Test
    void unknownPathIs404WithAJsonError() throws Exception {
        Reply reply = get("/nope");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("error").asText()).contains("/nope");
        assertThat(get("/").status()).isEqualTo(404);
        assertThat(get("/metrics/nope").status()).isEqualTo(404);
        assertThat(request(HttpMethod.POST, "/nope").status()).isEqualTo(404);
    }

    @Test
    void otherMethodsAre405WithTheAllowedOnes() throws Exception {
        for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.DELETE)) {
            Reply reply = request(method, "/set_consistency/read/dc_quorum");
            assertThat(reply.status()).as(method.name()).isEqualTo(405);
            assertThat(reply.allow()).isEqualTo("GET, POST");
            assertThat(reply.json().get("error").asText()).contains(method.name());
        }
        assertThat(context.consistency().read()).isEqualTo(ConsistencyLevel.DC_ONE);
        Reply post = request(HttpMethod.POST, "/info");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.allow()).isEqualTo("GET");
    }

    @Test
    void repairTakesPostAndANodeWithoutRepairSaysSoOtherPathsStillRefusePost() throws Exception {
        Reply post = request(HttpMethod.POST, "/repair");
        assertThat(post.status()).isEqualTo(409);
        assertThat(post.json().get("error").asText()).contains("does not repair");
        assertThat(request(HttpMethod.POST, "/repair/1:2").status()).isEqualTo(409);
        assertThat(get("/repair").status()).isEqualTo(409);
        assertThat(request(HttpMethod.POST, "/ping").status()).isEqualTo(405);
        assertThat(request(HttpMethod.PUT, "/repair").status()).isEqualTo(405);
    }

    @Test
    void malformedPercentEncodingIs400() throws Exception {
        Reply reply = get("/ping%zz");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().has("error")).isTrue();
    }

    // --- the whole pipeline, fed raw bytes ---

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] \\d{3}[^\\r]*");

    private static EmbeddedChannel pipeline(FakeAdminContext context) {
        return new EmbeddedChannel(new AdminChannelInitializer(AdminRoutes.of(context)));
    }

    private static String written(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out.toString();
    }

    private static void send(EmbeddedChannel ch, String raw) {
        ch.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.US_ASCII));
    }

    /** Every status line in the output (a body such as "pong" has no line end, so search, not split). */
    private static List<String> statusLines(String raw) {
        List<String> lines = new ArrayList<>();
        Matcher m = STATUS_LINE.matcher(raw);
        while (m.find()) {
            lines.add(m.group());
        }
        return lines;
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() {
        EmbeddedChannel ch = pipeline(context);
        try {
            send(ch, "GET /ping HTTP/1.1\r\nHost: x\r\n\r\nGET /get_consistency HTTP/1.1\r\nHost: x\r\n\r\n");
            String out = written(ch);
            assertThat(statusLines(out)).containsExactly("HTTP/1.1 200 OK", "HTTP/1.1 200 OK");
            assertThat(out).contains("pong", "\"read\":\"DC_ONE\"");
            assertThat(ch.isOpen()).isTrue();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void connectionCloseIsHonoured() {
        EmbeddedChannel ch = pipeline(context);
        try {
            send(ch, "GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(statusLines(written(ch))).containsExactly("HTTP/1.1 200 OK");
            assertThat(ch.isOpen()).isFalse();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void oversizedRequestIs413() {
        EmbeddedChannel ch = pipeline(context);
        try {
            send(ch, "POST /ping HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + (AdminChannelInitializer.MAX_REQUEST_BYTES + 1) + "\r\n\r\n");
            assertThat(statusLines(written(ch))).singleElement().asString().startsWith("HTTP/1.1 413");
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void malformedRequestIs400AndCloses() {
        EmbeddedChannel ch = pipeline(context);
        try {
            send(ch, "GET /ping HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
            String out = written(ch);
            assertThat(statusLines(out)).singleElement().asString().startsWith("HTTP/1.1 400");
            assertThat(out).contains("\"error\"");
            assertThat(ch.isOpen()).isFalse();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void idleConnectionIsClosedAfterAMinute() {
        EmbeddedChannel ch = pipeline(context);
        try {
            send(ch, "GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
            written(ch);
            ch.advanceTimeBy(AdminChannelInitializer.IDLE_SECONDS - 1, TimeUnit.SECONDS);
            ch.runScheduledPendingTasks();
            assertThat(ch.isOpen()).isTrue();
            ch.advanceTimeBy(2, TimeUnit.SECONDS);
            ch.runScheduledPendingTasks();
            assertThat(ch.isOpen()).isFalse();
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}
