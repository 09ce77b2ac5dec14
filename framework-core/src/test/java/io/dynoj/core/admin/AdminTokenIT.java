package io.dynoj.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.config.AuthSettings;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.net.Transport;
import io.dynoj.core.state.ServingState;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An admin port with a token (admin_token_file), on a real socket: what needs it, what does not. */
class AdminTokenIT {

    private static final String TOKEN = "s3cret-admin-token";

    @TempDir
    Path dir;

    private final FakeAdminContext context = FakeAdminContext.create();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private EventLoopGroup group;
    private AdminServer server;

    private void start(boolean readOpen) throws IOException, InterruptedException {
        Path tokenFile = Files.writeString(dir.resolve("admin.token"), TOKEN + "\n");
        AdminAccess access = AdminAccess.of(new AuthSettings(null, null, null, tokenFile, readOpen));
        assertThat(access.toString()).doesNotContain(TOKEN);
        Transport transport = Transport.best();
        group = transport.newGroup(1, "admin-token-test");
        server = AdminServer.bind(new HostPort("127.0.0.1", 0), transport, group, context, access);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        }
    }

    private HttpResponse<String> send(String method, String path, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.localAddress().getPort()
                + path)).timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        if (header != null) {
            request.header(header, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void changingEndpointsNeedTheToken() throws Exception {
        start(true);
        for (String method : new String[] {"GET", "POST"}) {
            HttpResponse<String> none = send(method, "/set_consistency/read/dc_quorum", null, null);
            assertThat(none.statusCode()).as(method).isEqualTo(401);
            assertThat(none.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(send(method, "/state/standby", "Authorization", "Bearer wrong").statusCode()).as(method).isEqualTo(403);
            assertThat(send(method, "/setloglevel/debug", "X-Dynoj-Token", "wrong").statusCode()).as(method).isEqualTo(403);
            assertThat(send(method, "/decommission", null, null).statusCode()).as(method).isEqualTo(401);
        }
        assertThat(context.consistency().read()).isEqualTo(ConsistencyLevel.DC_ONE);
        assertThat(context.servingState()).isEqualTo(ServingState.NORMAL);

        assertThat(send("POST", "/set_consistency/read/dc_quorum", "Authorization", "Bearer " + TOKEN).statusCode())
                .isEqualTo(200);
        assertThat(context.consistency().read()).isEqualTo(ConsistencyLevel.DC_QUORUM);
        assertThat(send("GET", "/state/standby", "X-Dynoj-Token", TOKEN).statusCode()).isEqualTo(200);
        assertThat(context.servingState()).isEqualTo(ServingState.STANDBY);
        // The token must not be in any answer.
        assertThat(send("GET", "/info", null, null).body()).doesNotContain(TOKEN);
    }

    @Test
    void readOnlyEndpointsAreOpenByDefault() throws Exception {
        start(true);
        for (String path : new String[] {"/ping", "/info", "/metrics", "/cluster_describe", "/get_consistency",
            "/state/get_state"}) {
            assertThat(send("GET", path, null, null).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(send("GET", "/nope", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void readOnlyEndpointsNeedTheTokenWhenNotOpen() throws Exception {
        start(false);
        assertThat(send("GET", "/info", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/ping", "X-Dynoj-Token", "nope").statusCode()).isEqualTo(403);
        HttpResponse<String> ping = send("GET", "/ping", "Authorization", "bearer " + TOKEN);
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).contains("pong");
    }
}
