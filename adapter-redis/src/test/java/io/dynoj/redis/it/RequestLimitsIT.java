package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.RawSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every request-size limit over real sockets, each beside a redis-server held to the same limits where
 * Redis has the setting: the same bytes get the same answer, and the same connection closes. The node runs
 * with proto_max_bulk_len 1 MB, client_query_buffer_limit 2 MB and at most 16 arguments; the inline limit
 * is Redis's own 64 KB. A connection that goes over a limit never disturbs another one.
 */
class RequestLimitsIT {

    private static final int MB = 1024 * 1024;

    private static NodeFixture fixture;

    @BeforeAll
    static void start() {
        fixture = NodeFixture.builder("redis", Backend.redisServer())
                .configure(c -> c.requestLimits(l -> l.withProtoMaxBulkLen(MB).withClientQueryBufferLimit(2 * MB)
                        .withProtoMaxMultibulkLen(16)))
                .start();
        try (RawSocket redis = new RawSocket(fixture.redis().port())) {
            assertThat(redis.call("CONFIG SET proto-max-bulk-len 1mb\r\n")).isEqualTo("+OK");
            assertThat(redis.call("CONFIG SET client-query-buffer-limit 2mb\r\n")).isEqualTo("+OK");
        }
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** {@code request} sent to redis-server and to the node: both answer {@code expected} and close. */
    private static void bothAnswerAndClose(String request, String expected) {
        for (int port : new int[] {fixture.redis().port(), fixture.port()}) {
            try (RawSocket s = new RawSocket(port)) {
                s.send(request);
                assertThat(s.read(expected.length())).as("answer on port %d", port).isEqualTo(expected);
                assertThat(s.closedByPeer()).as("closed on port %d", port).isTrue();
            }
        }
    }

    @Test
    void aBulkOverProtoMaxBulkLenIsAProtocolErrorAndABulkAtItIsServed() {
        try (RawSocket bystander = new RawSocket(fixture.port())) {
            assertThat(bystander.call("SET before 1\r\n")).isEqualTo("+OK");
            bothAnswerAndClose("*2\r\n$3\r\nGET\r\n$" + (MB + 1) + "\r\n", "-ERR Protocol error: invalid bulk length\r\n");
            assertThat(bystander.call("GET before\r\n")).as("another connection goes on").isEqualTo("$1");
            assertThat(bystander.readLine()).isEqualTo("1");
        }
        try (RawSocket s = new RawSocket(fixture.port())) {
            s.send("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + MB + "\r\n" + "v".repeat(MB) + "\r\n");
            assertThat(s.readLine()).isEqualTo("+OK");
            assertThat(s.call("STRLEN big\r\n")).isEqualTo(":" + MB);
        }
    }

    @Test
    void aMultibulkCountOverTheLimitIsAProtocolError() {
        bothAnswerAndClose("*2147483648\r\n", "-ERR Protocol error: invalid multibulk length\r\n");
        bothAnswerAndClose("*x\r\n", "-ERR Protocol error: invalid multibulk length\r\n");
        try (RawSocket s = new RawSocket(fixture.port())) {
            s.send("*17\r\n");
            assertThat(s.readLine()).as("proto_max_multibulk_len 16").isEqualTo("-ERR Protocol error: invalid multibulk length");
            assertThat(s.closedByPeer()).isTrue();
        }
        try (RawSocket s = new RawSocket(fixture.port())) {
            assertThat(s.call("DEL " + "k ".repeat(15) + "\r\n")).as("16 arguments are fine").isEqualTo(":0");
        }
    }

    @Test
    void anInlineLineOver64KbIsTooBig() {
        bothAnswerAndClose("GET " + "k".repeat(64 * 1024), "-ERR Protocol error: too big inline request\r\n");
        try (RawSocket s = new RawSocket(fixture.port())) {
            assertThat(s.call("EXISTS " + "k".repeat(60 * 1024) + "\r\n")).as("just under").isEqualTo(":0");
        }
    }

    @Test
    void aRequestOverTheQueryBufferLimitClosesWithoutAReplyAfterEarlierReplies() {
        try (RawSocket bystander = new RawSocket(fixture.port());
             RawSocket s = new RawSocket(fixture.port())) {
            // MSET a <1 MB> b <1 MB>: each bulk fits proto_max_bulk_len, together they pass 2 MB.
            s.send("PING\r\n*5\r\n$4\r\nMSET\r\n$1\r\na\r\n$" + MB + "\r\n" + "v".repeat(MB) + "\r\n$1\r\nb\r\n$" + MB + "\r\n");
            assertThat(s.readLine()).isEqualTo("+PONG");
            assertThat(s.closedByPeer()).as("closed, nothing more said").isTrue();
            assertThat(bystander.call("PING\r\n")).isEqualTo("+PONG");
        }
        try (RawSocket s = new RawSocket(fixture.port())) {
            assertThat(s.call("EXISTS a b\r\n")).as("nothing of it was run").isEqualTo(":0");
        }
    }
}
