package io.dynoj.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Framing of lines, markers and RESP replies, timeouts and closes, against canned bytes. */
class RawSocketTest {

    private ServerSocket server;
    private final CountDownLatch done = new CountDownLatch(1);

    @AfterEach
    void stop() throws IOException {
        done.countDown();
        if (server != null) {
            server.close();
        }
    }

    /**
     * Serves one connection: reads {@code expectBytes} bytes, answers {@code reply}, then closes the
     * connection or keeps it open until the test ends. The future holds what it read.
     */
    private CompletableFuture<String> serve(int expectBytes, String reply, boolean closeAfter) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                byte[] got = socket.getInputStream().readNBytes(expectBytes);
                socket.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                if (!closeAfter) {
                    done.await(10, TimeUnit.SECONDS);
                }
                return new String(got, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void sendsBytesAsGivenAndReadsLinesWithOrWithoutCarriageReturn() throws Exception {
        String request = "get k\u00ff\r\n";
        CompletableFuture<String> received = serve(request.length(), "VALUE k 0 1\r\nv\nEND\r\n", true);
        try (RawSocket socket = new RawSocket(server.getLocalPort())) {
            assertEquals("VALUE k 0 1", socket.call(request));
            assertEquals("v", socket.readLine());
            assertEquals("END", socket.call(""));
            assertTrue(socket.closedByPeer());
        }
        assertEquals(request, received.get(10, TimeUnit.SECONDS), "one byte per char, 0xFF included");
    }

    @Test
    void readsOneWholeRespReplyAtATime() throws Exception {
        String nested = "*3\r\n$4\r\na\r\nb\r\n*2\r\n:1\r\n$-1\r\n-ERR inner\r\n";
        serve(0, nested + "+OK\r\n", true);
        try (RawSocket socket = new RawSocket(server.getLocalPort())) {
            assertEquals(nested, socket.readReply());
            assertEquals("+OK\r\n", socket.readReply());
        }
    }

    @Test
    void readsUpToAMarkerOrACount() throws Exception {
        serve(0, "VA 1 k\r\nx\r\nMN\r\n+PONG\r\n-ERR", true);
        try (RawSocket socket = new RawSocket(server.getLocalPort())) {
            assertEquals("VA 1 k\r\nx\r\nMN\r\n", socket.readUntil("MN\r\n"));
            assertEquals("+PONG\r\n", socket.read(7));
            assertEquals("-ERR", socket.read(100), "fewer bytes when the peer closes first");
            assertTrue(socket.closedByPeer());
        }
    }

    @Test
    void aReadThatGetsNothingFailsAfterTheTimeoutAndAnOpenConnectionIsNotClosed() throws Exception {
        serve(0, "+PARTIAL", false);
        try (RawSocket socket = new RawSocket(server.getLocalPort()).timeout(Duration.ofMillis(200))) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, socket::readLine);
            assertInstanceOf(SocketTimeoutException.class, e.getCause());
            assertFalse(socket.closedByPeer());
        }
    }

    @Test
    void aConnectionClosedMidLineIsAnErrorNamingWhatArrived() throws Exception {
        serve(0, "$5\r\nab", true);
        try (RawSocket socket = new RawSocket(server.getLocalPort())) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, socket::readReply);
            assertInstanceOf(EOFException.class, e.getCause());
            assertTrue(e.getMessage().contains("$5"), e.getMessage());
        }
    }

    @Test
    void closedByPeerLeavesBytesThatArriveInsteadForTheNextRead() throws Exception {
        serve(0, "+PONG\r\n", false);
        try (RawSocket socket = new RawSocket(server.getLocalPort())) {
            assertFalse(socket.closedByPeer());
            assertEquals("+PONG", socket.readLine());
        }
    }
}
