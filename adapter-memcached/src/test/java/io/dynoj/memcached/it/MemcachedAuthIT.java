package io.dynoj.memcached.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.MemcachedServer;
import io.dynoj.testkit.RawSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with {@code auth_file} answers the text protocol's authentication as memcached 1.6 with {@code -Y} does,
 * reply for reply, over sockets.
 */
class MemcachedAuthIT {

    @TempDir
    Path dir;

    /** One exchange: what is sent, and the line the reply ends with ({@code END} for a get, else one line). */
    private record Step(String send, boolean multiLine) {
    }

    private static final List<Step> SCRIPT = List.of(
            new Step("get foo\r\n", false),
            new Step("version\r\n", false),
            new Step("set foo 0 0 1\r\na\r\n", false),
            new Step("mg foo v\r\n", false),
            new Step("delete foo\r\n", false),
            new Step("set x 0 0 12\r\nalice:wonder\r\n", false),
            new Step("set x 0 0 12\r\nalice wrong1\r\n", false),
            new Step("set x 0 0 12\r\nnobody wonde\r\n", false),
            new Step("flush_all\r\n", false),
            new Step("set x 0 0 12\r\nalice wonder\r\n", false),
            new Step("get x foo\r\n", true),
            new Step("set foo 0 0 1\r\na\r\n", false),
            new Step("get foo\r\n", true),
            new Step("delete foo\r\n", false));

    private static String exchange(RawSocket socket, Step step) {
        socket.send(step.send());
        return step.multiLine() ? socket.readUntil("END\r\n") : socket.readLine();
    }

    @Test
    void repliesAreMemcachedOwn() throws IOException {
        Path users = Files.write(dir.resolve("users"), List.of("alice:wonder", "bob:builder"));
        try (MemcachedServer memcached = MemcachedServer.startWith("-Y", users.toString());
             NodeFixture node = NodeFixture.builder("memcached", Backend.store("memory"))
                     .configure(c -> c.authFile(users)).start();
             RawSocket expected = new RawSocket(memcached.host(), memcached.port());
             RawSocket actual = new RawSocket("127.0.0.1", node.port())) {
            for (Step step : SCRIPT) {
                assertThat(exchange(actual, step)).as(step.send()).isEqualTo(exchange(expected, step));
            }
        }
    }

    @Test
    void untilAuthenticatedNothingIsReadOrWritten() throws IOException {
        Path users = Files.write(dir.resolve("users"), List.of("bob:builder"));
        try (NodeFixture node = NodeFixture.builder("memcached", Backend.store("memory"))
                .configure(c -> c.authFile(users)).start();
             RawSocket owner = new RawSocket("127.0.0.1", node.port());
             RawSocket stranger = new RawSocket("127.0.0.1", node.port())) {
            assertThat(owner.call("set x 0 0 11\r\nbob builder\r\n")).isEqualTo("STORED");
            assertThat(owner.call("set secret 0 0 2\r\nhi\r\n")).isEqualTo("STORED");
            assertThat(stranger.call("get secret\r\n")).isEqualTo("CLIENT_ERROR unauthenticated");
            assertThat(stranger.call("flush_all\r\n")).isEqualTo("CLIENT_ERROR unauthenticated");
            assertThat(stranger.call("set secret 0 0 11\r\nbob builde_\r\n")).isEqualTo("CLIENT_ERROR authentication failure");
            // The authenticating set stored nothing under its key.
            owner.send("get x secret\r\n");
            assertThat(owner.readUntil("END\r\n")).isEqualTo("VALUE secret 0 2\r\nhi\r\nEND\r\n");
        }
    }
}
