package io.dynoj.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.net.Transport;
import io.dynoj.core.state.ServingState;
import io.dynoj.testkit.PrometheusParser;
import io.netty.channel.EventLoopGroup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin server on a real socket, spoken to by the JDK's HTTP client (and raw sockets for keep-alive). */
class AdminServerIT {

    private static final FakeAdminContext CONTEXT = FakeAdminContext.create();
    private static EventLoopGroup group;
    private static AdminServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() throws InterruptedException {
        Transport transport = Transport.best();
        group = transport.newGroup(1, "admin-test");
        server = AdminServer.bind(new HostPort("127.0.0.1", 0), transport, group, CONTEXT);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        }
    }

    @BeforeEach
    void resetConsistency() {
        CONTEXT.consistency().read(ConsistencyLevel.DC_ONE);
        CONTEXT.consistency().write(ConsistencyLevel.DC_QUORUM);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.localAddress().getPort() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=UTF-8");
        return AdminJson.MAPPER.readTree(response.body());
    }

    @Test
    void bindsTheRequestedHostOnAnEphemeralPort() {
        InetSocketAddress address = server.localAddress();
        assertThat(address.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(address.getPort()).isPositive();
    }

    @Test
    void ping() throws Exception {
        HttpResponse<String> response = get("/ping");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; charset=UTF-8");
        assertThat(response.body()).isEqualTo("pong");
        assertThat(get("/ping/").body()).isEqualTo("pong");
    }

    @Test
    void getConsistency() throws Exception {
        HttpResponse<String> response = get("/get_consistency");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = json(response);
        assertThat(json.get("read").asText()).isEqualTo("DC_ONE");
        assertThat(json.get("write").asText()).isEqualTo("DC_QUORUM");
    }

    @Test
    void setConsistencyThenReadItBack() throws Exception {
        HttpResponse<String> response = get("/set_consistency/read/dc_safe_quorum");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("read").asText()).isEqualTo("DC_SAFE_QUORUM");

        response = get("/set_consistency/write/DC_ONE/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("write").asText()).isEqualTo("DC_ONE");

        JsonNode now = json(get("/get_consistency/"));
        assertThat(now.get("read").asText()).isEqualTo("DC_SAFE_QUORUM");
        assertThat(now.get("write").asText()).isEqualTo("DC_ONE");
        assertThat(CONTEXT.consistency().read()).isEqualTo(ConsistencyLevel.DC_SAFE_QUORUM);
        assertThat(CONTEXT.consistency().write()).isEqualTo(ConsistencyLevel.DC_ONE);
    }

    @Test
    void setConsistencyRejectsBadTargetsAndLevels() throws Exception {
        HttpResponse<String> badLevel = get("/set_consistency/write/dc_all");
        assertThat(badLevel.statusCode()).isEqualTo(400);
        assertThat(json(badLevel).get("error").asText())
                .contains("dc_all", "DC_ONE", "DC_QUORUM", "DC_SAFE_QUORUM", "DC_EACH_SAFE_QUORUM");

        HttpResponse<String> badTarget = get("/set_consistency/both/dc_one");
        assertThat(badTarget.statusCode()).isEqualTo(400);
        assertThat(json(badTarget).get("error").asText()).contains("read", "write");

        assertThat(json(get("/get_consistency")).get("write").asText()).isEqualTo("DC_QUORUM");
    }

    @Test
    void clusterDescribe() throws Exception {
        HttpResponse<String> response = get("/cluster_describe");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = json(response);
        assertThat(json.get("version").asLong()).isEqualTo(7);
        assertThat(json.get("dcs")).extracting(dc -> dc.get("name").asText()).containsExactly("dc1", "dc2");
        JsonNode dc1Racks = json.get("dcs").get(0).get("racks");
        assertThat(dc1Racks).extracting(r -> r.get("name").asText()).containsExactly("r1", "r2");
        JsonNode local = dc1Racks.get(0).get("servers").get(0);
        assertThat(local.get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(local.get("port").asInt()).isEqualTo(8101);
        assertThat(local.get("token").get(0).asLong()).isZero();
        assertThat(local.get("local").asBoolean()).isTrue();
        JsonNode remote = json.get("dcs").get(1).get("racks").get(0).get("servers").get(0);
        assertThat(remote.get("host").asText()).isEqualTo("10.0.0.1");
        assertThat(remote.get("token")).extracting(JsonNode::asLong).containsExactly(100L, 4000000000L);
        assertThat(remote.get("local").asBoolean()).isFalse();
    }

    @Test
    void getStateAndChangeItInDynomitesTextForm() throws Exception {
        HttpResponse<String> response = get("/state/get_state");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("State: NORMAL\n");
        try {
            response = get("/state/writes_only");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("State: WRITES_ONLY\n");
            assertThat(get("/state/get_state").body()).isEqualTo("State: WRITES_ONLY\n");
            assertThat(CONTEXT.servingState()).isEqualTo(ServingState.WRITES_ONLY);
        } finally {
            CONTEXT.servingState(ServingState.NORMAL);
        }
    }

    @Test
    void unknownStateIs400() throws Exception {
        HttpResponse<String> response = get("/state/joining");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).contains("joining", "standby", "writes_only");
    }

    @Test
    void infoIsWellFormedJson() throws Exception {
        HttpResponse<String> response = get("/info");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = json(response);
        assertThat(json.get("node").get("state").asText()).isEqualTo("NORMAL");
        assertThat(json.get("clients").get("requests").asLong()).isEqualTo(42);
    }

    @Test
    void metricsInPrometheusTextFormat() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        Map<String, PrometheusParser.Family> families = PrometheusParser.parse(response.body());
        assertThat(families.get("dynoj_client_requests_total").samples().get(0).value()).isEqualTo(42);
    }

    @Test
    void metricsInOpenMetricsWhenTheAcceptHeaderAsks() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/metrics"))
                .header("Accept", "application/openmetrics-text;version=1.0.0;q=0.6,text/plain;version=0.0.4;q=0.3").GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(response.body()).contains("dynoj_client_requests_total 42.0\n").endsWith("# EOF\n");
    }

    @Test
    void metricsJson() throws Exception {
        HttpResponse<String> response = get("/metrics/json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = json(response);
        assertThat(json.get("counters").get("client.requests").asLong()).isEqualTo(42);
        assertThat(json.get("gauges").get("client.connections").asInt()).isEqualTo(3);
    }

    @Test
    void unknownPathIs404() throws Exception {
        HttpResponse<String> response = get("/info/nothing_here");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).contains("/info/nothing_here");
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/set_consistency/read/dc_quorum"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).hasValue("GET, POST");
        assertThat(json(response).get("error").asText()).contains("PUT");
        assertThat(CONTEXT.consistency().read()).isEqualTo(ConsistencyLevel.DC_ONE);

        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/ping")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET");
        assertThat(send(HttpRequest.newBuilder(uri("/ping")).DELETE()).statusCode()).isEqualTo(405);
    }

    @Test
    void actionsTakePostToo() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/set_consistency/read/dc_quorum"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(CONTEXT.consistency().read()).isEqualTo(ConsistencyLevel.DC_QUORUM);
    }

    @Test
    void oversizedRequestIs413() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/ping"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[AdminChannelInitializer.MAX_REQUEST_BYTES + 1])));
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void keepAliveAnswersSeveralRequestsOnOneConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.localAddress().getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String path : new String[] {"/ping", "/state/get_state", "/get_consistency"}) {
                out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                RawResponse response = RawResponse.read(in);
                assertThat(response.statusLine()).as(path).isEqualTo("HTTP/1.1 200 OK");
                assertThat(response.body()).as(path).isNotEmpty();
            }
        }
    }

    @Test
    void closeClosesOpenConnections() throws Exception {
        Transport transport = Transport.best();
        AdminServer second = AdminServer.bind(new HostPort("127.0.0.1", 0), transport, group, CONTEXT);
        try (Socket socket = new Socket("127.0.0.1", second.localAddress().getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(RawResponse.read(in).body()).isEqualTo("pong");
            second.close();
            assertThat(in.read()).isEqualTo(-1); // the server closed its end
        } finally {
            second.close();
        }
    }

    /** Just enough HTTP/1.1 response parsing for a Content-Length body of ASCII text. */
    private record RawResponse(String statusLine, String body) {

        static RawResponse read(BufferedReader in) throws IOException {
            String status = in.readLine();
            int length = 0;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            char[] body = new char[length];
            for (int read = 0; read < length; ) {
                int n = in.read(body, read, length - read);
                if (n < 0) {
                    throw new IOException("connection closed mid-body");
                }
                read += n;
            }
            return new RawResponse(status, new String(body));
        }
    }
}
