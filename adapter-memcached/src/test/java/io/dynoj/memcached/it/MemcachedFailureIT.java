package io.dynoj.memcached.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.RawSocket;
import java.time.Duration;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.exception.MemcachedServerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A memcached that stops or stalls gives clients a SERVER_ERROR in bounded time, never a hang. */
class MemcachedFailureIT {

    private static final long TIMEOUT_MS = 400;

    private NodeFixture fixture;

    @BeforeEach
    void start() {
        fixture = NodeFixture.builder("memcached", Backend.memcachedServer())
                .configure(c -> c.timeoutMillis(TIMEOUT_MS)).start();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void stoppedMemcachedIsAServerErrorAndTheNodeRecoversWhenItReturns() throws Exception {
        MemcachedClient xm = Clients.xmemcached(fixture.address());
        try (RawSocket raw = new RawSocket(fixture.port())) {
            assertThat(xm.set("k", 0, "v")).isTrue();
            fixture.memcached().stop();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(raw.call("get k\r\n")).startsWith("SERVER_ERROR").contains("datastore"));
            assertThat(raw.call("set k 0 0 1\r\nx\r\n")).startsWith("SERVER_ERROR");
            assertThatThrownBy(() -> xm.get("k")).isInstanceOf(MemcachedServerException.class);
            assertThat(raw.call("version\r\n")).as("the client connection stays usable").startsWith("VERSION");

            fixture.memcached().restart();
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(xm.set("k2", 0, "v2")).isTrue());
            assertThat(xm.<String>get("k2")).isEqualTo("v2");
            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> assertThat(raw.call("set k3 0 0 1\r\nz\r\n")).isEqualTo("STORED"));
            assertThat(raw.call("delete k3\r\n")).isEqualTo("DELETED");
        } finally {
            Clients.shutdown(xm);
        }
    }

    @Test
    void stalledMemcachedTimesOutWithAServerErrorInsteadOfHanging() throws Exception {
        MemcachedClient xm = Clients.xmemcached(fixture.address());
        try (RawSocket raw = new RawSocket(fixture.port())) {
            assertThat(xm.set("k", 0, "v")).isTrue();
            assertThat(raw.call("get k\r\n")).isEqualTo("VALUE k 0 1");
            assertThat(raw.call("")).isEqualTo("v");
            assertThat(raw.call("")).isEqualTo("END");
            fixture.memcached().freeze();
            try {
                long started = System.nanoTime();
                assertThat(raw.call("get k\r\n")).startsWith("SERVER_ERROR").contains("timeout");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(TIMEOUT_MS * 6));
                started = System.nanoTime();
                assertThatThrownBy(() -> xm.get("k")).isInstanceOf(MemcachedServerException.class)
                        .hasMessageContaining("timeout");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(TIMEOUT_MS * 6));
            } finally {
                fixture.memcached().thaw();
            }
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(xm.<String>get("k")).isEqualTo("v"));
            assertThat(raw.call("touch k 10\r\n")).isEqualTo("TOUCHED");
        } finally {
            Clients.shutdown(xm);
        }
        assertThat(fixture.node().metrics().counter("datastore.memcached.timeouts").getCount()).isPositive();
    }
}
