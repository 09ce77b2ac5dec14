package io.dynoj.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemcachedServerIT {

    @Test
    void startsAnswersVersionAndRestarts() {
        try (MemcachedServer memcached = MemcachedServer.start()) {
            assertEquals("127.0.0.1", memcached.host());
            assertTrue(memcached.version().matches("\\d+\\.\\d+\\.\\d+.*"), memcached.version());

            int port = memcached.port();
            memcached.stop();
            assertFalse(memcached.isRunning());
            memcached.restart();
            assertEquals(port, memcached.port());
            assertTrue(memcached.isRunning());
            assertTrue(memcached.version().matches("\\d+\\.\\d+\\.\\d+.*"), memcached.version());
        }
    }

    @Test
    void getsAndFlushesStraightOnTheServer() {
        try (MemcachedServer memcached = MemcachedServer.start(); RawSocket socket = new RawSocket(memcached.port())) {
            assertEquals("STORED", socket.call("set k 0 0 4\r\na\r\nb\r\n"));
            assertArrayEquals("a\r\nb".getBytes(StandardCharsets.US_ASCII), memcached.get("k"));
            assertNull(memcached.get("missing"));
            memcached.flushAll();
            assertNull(memcached.get("k"));
        }
    }

    @Test
    void aFrozenServerAnswersNothingUntilThawed() {
        try (MemcachedServer memcached = MemcachedServer.start();
             RawSocket socket = new RawSocket(memcached.port()).timeout(Duration.ofMillis(300))) {
            assertTrue(socket.call("version\r\n").startsWith("VERSION "));
            memcached.freeze();
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> socket.call("version\r\n"));
            assertInstanceOf(SocketTimeoutException.class, e.getCause());
            memcached.thaw();
            assertTrue(socket.timeout(Duration.ofSeconds(10)).readLine().startsWith("VERSION "),
                    "the request sent while frozen is answered once thawed");
            memcached.freeze();
            long started = System.nanoTime();
            memcached.close();
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(4)) < 0,
                    "close() thaws before SIGTERM instead of waiting out the grace period");
        }
    }
}
