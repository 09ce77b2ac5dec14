package io.dynoj.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** Checks the RESP2 encoding and decoding against canned bytes, without a real server. */
class RespClientTest {

    @Test
    void encodesCommandsAsArraysOfBulkStrings() throws Exception {
        Object reply = exchange("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\nv\u00e4l\r\n", "+OK\r\n",
                c -> c.call("SET", "k", "v\u00e4l"));
        assertEquals("OK", reply);
    }

    @Test
    void decodesEveryReplyType() throws Exception {
        Object integer = exchange("*1\r\n$6\r\nDBSIZE\r\n", ":42\r\n", c -> c.call("DBSIZE"));
        assertEquals(42L, integer);
        assertArrayEquals("a\r\nb".getBytes(StandardCharsets.UTF_8),
                (byte[]) exchange("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", "$4\r\na\r\nb\r\n", c -> c.call("GET", "k")));
        assertNull(exchange("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", "$-1\r\n", c -> c.get("k")));
        assertNull(exchange("*1\r\n$4\r\nBLOP\r\n", "*-1\r\n", c -> c.call("BLOP")));

        Object array = exchange("*1\r\n$4\r\nEXEC\r\n", "*4\r\n:1\r\n$0\r\n\r\n*1\r\n+x\r\n-ERR inner\r\n",
                c -> c.call("EXEC"));
        List<?> items = assertInstanceOf(List.class, array);
        assertEquals(4, items.size());
        assertEquals(1L, items.get(0));
        assertArrayEquals(new byte[0], (byte[]) items.get(1));
        assertEquals(List.of("x"), items.get(2));
        assertEquals("ERR inner", assertInstanceOf(RespClient.RespError.class, items.get(3)).getMessage());
    }

    @Test
    void throwsErrorReplies() {
        RespClient.RespError error = assertThrows(RespClient.RespError.class,
                () -> exchange("*1\r\n$4\r\nNOPE\r\n", "-ERR unknown command 'NOPE'\r\n", c -> c.call("NOPE")));
        assertEquals("ERR unknown command 'NOPE'", error.getMessage());
    }

    @Test
    void convenienceMethods() throws Exception {
        assertEquals("PONG", exchange("*1\r\n$4\r\nPING\r\n", "+PONG\r\n", RespClient::ping));
        long size = exchange("*1\r\n$6\r\nDBSIZE\r\n", ":7\r\n", RespClient::dbSize);
        assertEquals(7L, size);
        assertNull(exchange("*1\r\n$8\r\nFLUSHALL\r\n", "+OK\r\n", c -> {
            c.flushAll();
            return null;
        }));
    }

    @Test
    void truncatedReplyIsAnIoError() {
        assertThrows(UncheckedIOException.class,
                () -> exchange("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", "$10\r\nshort", c -> c.get("k")));
    }

    /**
     * Serves one connection: checks the client sent exactly {@code expectedRequest}, answers {@code reply} and
     * closes, then returns what {@code action} got.
     */
    private static <T> T exchange(String expectedRequest, String reply, Function<RespClient, T> action)
            throws Exception {
        byte[] expected = expectedRequest.getBytes(StandardCharsets.UTF_8);
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> serveOnce(server, expected, reply));
            T result;
            try (RespClient client = new RespClient("127.0.0.1", server.getLocalPort())) {
                result = action.apply(client);
            }
            assertEquals(expectedRequest, received.get(10, TimeUnit.SECONDS));
            return result;
        }
    }

    private static String serveOnce(ServerSocket server, byte[] expected, String reply) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            byte[] request = in.readNBytes(expected.length);
            socket.getOutputStream().write(reply.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(request, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
