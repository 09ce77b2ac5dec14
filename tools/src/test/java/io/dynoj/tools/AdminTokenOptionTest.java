package io.dynoj.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --token-file}: the tools send the admin token as a node with admin_token_file asks for it. */
class AdminTokenOptionTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private HttpServer admin;

    /** A stand-in admin port: /decommission answers only with {@code Authorization: Bearer tok}. */
    @BeforeEach
    void start() throws IOException {
        admin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        admin.createContext("/decommission", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            int status = auth == null ? 401 : auth.equals("Bearer tok") ? 200 : 403;
            byte[] body = (status == 200 ? "{\"decommissioned\":true}" : "{\"error\":\"token\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        admin.start();
    }

    @AfterEach
    void stop() {
        admin.stop(0);
    }

    private int run(String... args) {
        return DynojCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void decommissionSendsTheTokenOfTheFile() throws IOException {
        String address = "127.0.0.1:" + admin.getAddress().getPort();
        assertThat(run("decommission", "--admin", address)).isEqualTo(1);
        assertThat(err.toString()).contains("HTTP 401").contains("--token-file");

        Path wrong = Files.writeString(dir.resolve("wrong"), "nope\n");
        assertThat(run("decommission", "--admin", address, "--token-file", wrong.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("HTTP 403").contains("refused the one given").doesNotContain("nope");

        Path right = Files.writeString(dir.resolve("right"), "tok\n");
        assertThat(run("decommission", "--admin", address, "--token-file", right.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("decommissioned");

        assertThat(run("decommission", "--admin", address, "--token-file", dir.resolve("missing").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read --token-file");
    }
}
