package io.dynoj.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

class RedisServerIT {

    @Test
    void servesCommandsAndSurvivesAStopAndRestartOnTheSamePort() {
        try (RedisServer redis = RedisServer.start()) {
            int port = redis.port();
            assertEquals("127.0.0.1:" + port, redis.address());
            assertTrue(Files.isRegularFile(redis.logFile()), redis.logFile().toString());

            try (RespClient client = redis.client()) {
                assertEquals("PONG", client.ping());
                client.set("greeting", "hello");
                assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), client.get("greeting"));
                assertNull(client.get("missing"));
                assertEquals(1L, client.dbSize());
                assertThrows(RespClient.RespError.class, () -> client.call("NO-SUCH-COMMAND"));
            }

            redis.stop();
            assertFalse(redis.isRunning());
            assertThrows(UncheckedIOException.class, redis::client, "nothing should listen after stop()");

            redis.restart();
            assertEquals(port, redis.port());
            try (RespClient client = redis.client()) {
                // No persistence: the restarted server starts empty, like a replaced backend.
                assertEquals(0L, client.dbSize());
                client.call("SET", "k", "v");
                assertEquals(1L, client.dbSize());
                client.flushAll();
                assertEquals(0L, client.dbSize());
            }
        }
    }

    @Test
    void startsOnARequestedPortAndCloseIsIdempotent() {
        int port = FreePorts.next();
        RedisServer redis = RedisServer.start(port);
        assertEquals(port, redis.port());
        assertTrue(redis.isRunning());
        redis.close();
        redis.close();
        assertFalse(redis.isRunning());
        assertTrue(FreePorts.isFree(port));
        assertThrows(IllegalStateException.class, redis::restart);
    }

    @Test
    void refusesAPortThatIsTaken() {
        try (RedisServer first = RedisServer.start()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> RedisServer.start(first.port()));
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        }
    }
}
