package io.dynoj.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which requests the token guard lets through, on an {@link EmbeddedChannel}. */
class AdminAuthHandlerTest {

    private final FakeAdminContext context = FakeAdminContext.create();
    private final AdminRouter router = AdminRoutes.of(context);
    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private int status(boolean readOpen, HttpMethod method, String uri, String header, String value) {
        channel = new EmbeddedChannel(new AdminAuthHandler(router, new AdminAccess("tok", readOpen)), new AdminHandler(router));
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        if (header != null) {
            request.headers().set(header, value);
        }
        channel.writeInbound(request);
        FullHttpResponse response = channel.readOutbound();
        try {
            return response.status().code();
        } finally {
            response.release();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void actionsNeedTheToken() {
        assertThat(status(true, HttpMethod.GET, "/state/standby", null, null)).isEqualTo(401);
        assertThat(status(true, HttpMethod.POST, "/decommission", "Authorization", "Bearer nope")).isEqualTo(403);
        assertThat(status(true, HttpMethod.GET, "/setloglevel/info", "X-Dynoj-Token", "tok")).isEqualTo(200);
        assertThat(status(true, HttpMethod.GET, "/set_consistency//read/dc_one/", "Authorization", "Basic tok"))
                .isEqualTo(401);
    }

    @Test
    void readsAreOpenUnlessConfiguredOtherwise() {
        assertThat(status(true, HttpMethod.GET, "/info", null, null)).isEqualTo(200);
        assertThat(status(true, HttpMethod.GET, "/state/get_state", null, null)).isEqualTo(200);
        assertThat(status(true, HttpMethod.POST, "/info", null, null)).isEqualTo(401);
        assertThat(status(false, HttpMethod.GET, "/info", null, null)).isEqualTo(401);
        assertThat(status(false, HttpMethod.GET, "/ping", "X-Dynoj-Token", "nope")).isEqualTo(403);
        assertThat(status(false, HttpMethod.GET, "/ping", "Authorization", "bearer tok")).isEqualTo(200);
    }
}
