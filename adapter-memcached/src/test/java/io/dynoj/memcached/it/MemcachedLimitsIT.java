package io.dynoj.memcached.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.RawSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * memcached's limits over real sockets, the node (with its defaults, which are memcached's) beside a memcached
 * 1.6 started with its own: the same bytes get the same answers and the same connections close. A connection
 * that goes over a limit never disturbs another one.
 */
class MemcachedLimitsIT {

    private static final int MB = 1024 * 1024;

    private static NodeFixture fixture;

    @BeforeAll
    static void start() {
        fixture = NodeFixture.start("memcached", Backend.memcachedServer());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aDataBlockOverItemSizeMaxIsTooLargeAndSwallowedAndTheConnectionGoesOn() {
        String request = "set big 0 0 " + (MB + 1) + "\r\n" + "v".repeat(MB + 1) + "\r\nget big\r\nversion\r\n";
        for (int port : new int[] {fixture.memcached().port(), fixture.port()}) {
            try (RawSocket s = new RawSocket(port)) {
                s.send(request);
                assertThat(s.readLine()).as("port %d", port).isEqualTo("SERVER_ERROR object too large for cache");
                assertThat(s.readLine()).as("the data block was swallowed, port %d", port).isEqualTo("END");
                assertThat(s.readLine()).startsWith("VERSION ");
            }
        }
        try (RawSocket s = new RawSocket(fixture.port())) {
            s.send("set fits 0 0 " + (MB / 2) + "\r\n" + "v".repeat(MB / 2) + "\r\n");
            assertThat(s.readLine()).isEqualTo("STORED");
        }
    }

    @Test
    void aLineOver2048BytesClosesWithoutAWordButALongGetIsServed() {
        try (RawSocket bystander = new RawSocket(fixture.port())) {
            for (int port : new int[] {fixture.memcached().port(), fixture.port()}) {
                try (RawSocket s = new RawSocket(port)) {
                    s.send("touch " + "k".repeat(3000));
                    assertThat(s.closedByPeer()).as("closed without a word, port %d", port).isTrue();
                }
            }
            assertThat(bystander.call("version\r\n")).startsWith("VERSION ");
        }
        try (RawSocket s = new RawSocket(fixture.port())) {
            assertThat(s.call("get " + "k ".repeat(2000) + "\r\n")).as("a get line may be long").isEqualTo("END");
        }
    }
}
