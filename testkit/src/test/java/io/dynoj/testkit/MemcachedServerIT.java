package io.dynoj.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
