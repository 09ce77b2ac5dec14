package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.RawSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input gets Redis's errors over a real socket; only malformed protocol closes the connection. */
class ProtocolErrorsIT {

    private static NodeFixture fixture;

    @BeforeAll
    static void start() {
        fixture = NodeFixture.start("redis", Backend.redisServer());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void unknownAndUnsupportedCommandsAreAnsweredAndTheConnectionGoesOn() throws Exception {
        try (RawSocket s = new RawSocket(fixture.port())) {
            s.send("NOPE x\r\nMONITOR\r\nSSUBSCRIBE ch\r\nGET\r\nSET k v\r\nGET k\r\n");
            String expected = "-ERR unknown command 'NOPE', with args beginning with: 'x' \r\n"
                    + "-ERR 'monitor' is not supported by Dynoj\r\n"
                    + "-ERR 'ssubscribe' is not supported by Dynoj\r\n"
                    + "-ERR wrong number of arguments for 'get' command\r\n"
                    + "+OK\r\n$1\r\nv\r\n";
            assertThat(s.read(expected.length())).isEqualTo(expected);
        }
    }

    @Test
    void malformedProtocolIsAnsweredAfterEarlierRepliesThenClosed() throws Exception {
        try (RawSocket s = new RawSocket(fixture.port())) {
            s.send("SET a 1\r\nGET a\r\n*1\r\n+PING\r\nGET a\r\n");
            String expected = "+OK\r\n$1\r\n1\r\n-ERR Protocol error: expected '$', got '+'\r\n";
            assertThat(s.read(expected.length())).isEqualTo(expected);
            assertThat(s.closedByPeer()).isTrue();
        }
        try (RawSocket s = new RawSocket(fixture.port())) {
            s.send("PING\r\n");
            assertThat(s.read(7)).as("the node serves other connections").isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void aBulkLongerThanTheLimitGetsRedissOwnErrorThenCloses() throws Exception {
        String request = "*2\r\n$3\r\nGET\r\n$600000000\r\n";
        String expected = "-ERR Protocol error: invalid bulk length\r\n";
        try (RawSocket redis = new RawSocket(fixture.redis().port())) {
            redis.send(request);
            assertThat(redis.read(expected.length())).as("what redis-server answers").isEqualTo(expected);
        }
        try (RawSocket s = new RawSocket(fixture.port())) {
            s.send(request);
            assertThat(s.read(expected.length())).isEqualTo(expected);
            assertThat(s.closedByPeer()).isTrue();
        }
    }

    @Test
    void quitAnswersThenCloses() throws Exception {
        try (RawSocket s = new RawSocket(fixture.port())) {
            s.send("QUIT\r\nPING\r\n");
            assertThat(s.read(5)).isEqualTo("+OK\r\n");
            assertThat(s.closedByPeer()).isTrue();
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedLikeRedis() throws Exception {
        try (NodeFixture limited = NodeFixture.builder("redis", Backend.redisServer())
                    .configure(c -> c.clientConnections(3)).start();
             RawSocket a = new RawSocket(limited.port()); RawSocket b = new RawSocket(limited.port());
             RawSocket c = new RawSocket(limited.port())) {
            for (RawSocket s : new RawSocket[] {a, b, c}) {
                s.send("PING\r\n");
                assertThat(s.read(7)).isEqualTo("+PONG\r\n");
            }
            try (RawSocket d = new RawSocket(limited.port())) {
                assertThat(d.read(100)).isEqualTo("-ERR max number of clients reached\r\n");
                assertThat(d.closedByPeer()).isTrue();
            }
        }
    }
}
