package io.dynoj.core.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A peer on plain blocking sockets that answers hellos, pings and requests as a node would, one frame after
 * the other, but at a pace a test sets: a request's payload is read at {@link #readPace} bytes per second, a
 * request whose payload starts with {@code get} is answered by a reply of {@link #replyBytes} bytes written at
 * that pace, and once {@link #freeze}d it reads and writes nothing more, its sockets open (a SIGSTOPped node).
 * Its receive buffer is small, so what a slow read leaves behind backs up to the sender.
 */
final class SlowPeer implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final ServerSocket server;
    private final PeerIdentity identity;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile long readPace = Long.MAX_VALUE;
    private volatile int replyBytes = 5;
    private volatile boolean frozen;
    /** Why a connection's thread ended, other than the link closing: a test asserts there is none. */
    private volatile Throwable failure;

    SlowPeer(String cluster, String nodeId) throws IOException {
        server = new ServerSocket();
        server.setReceiveBufferSize(CHUNK);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        identity = PeerFrames.identity(cluster, nodeId, server.getLocalPort());
        Thread accept = new Thread(this::accept, "slow-peer-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void readPace(long bytesPerSecond) {
        readPace = bytesPerSecond;
    }

    void replyBytes(int bytes) {
        replyBytes = bytes;
    }

    /** What ended a connection's thread other than the link closing; {@code null}: nothing. */
    Throwable failure() {
        return failure;
    }

    void freeze() {
        frozen = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread serve = new Thread(() -> serve(socket), "slow-peer");
                serve.setDaemon(true);
                serve.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                byte[] header = new byte[PeerMessage.HEADER_LENGTH];
                read(in, header);
                ByteBuffer h = ByteBuffer.wrap(header);
                byte type = h.get(2);
                long id = h.getLong(8);
                byte[] payload = new byte[h.getInt(16)];
                read(in, payload);
                if (type == PeerMessage.HELLO) {
                    ByteBuf hello = PeerHello.of(identity).encode(ByteBufAllocator.DEFAULT);
                    byte[] bytes = ByteBufUtil.getBytes(hello);
                    hello.release();
                    send(out, PeerMessage.HELLO_OK, id, bytes, Long.MAX_VALUE);
                } else if (type == PeerMessage.PING) {
                    send(out, PeerMessage.PONG, id, new byte[0], Long.MAX_VALUE);
                } else if (type == PeerMessage.REQUEST) {
                    boolean get = new String(payload, 0, Math.min(3, payload.length), StandardCharsets.US_ASCII)
                            .equalsIgnoreCase("get");
                    byte[] reply = get ? new byte[replyBytes] : "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
                    send(out, PeerMessage.REPLY, id, reply, get ? readPace : Long.MAX_VALUE);
                }
            }
        } catch (IOException closed) {
            // the link or the test ended
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /** Fills {@code into} at the read pace, stopping for good once frozen. */
    private void read(DataInputStream in, byte[] into) throws IOException {
        long start = System.nanoTime();
        for (int at = 0; at < into.length; ) {
            holdIfFrozen();
            int n = in.read(into, at, Math.min(CHUNK, into.length - at));
            if (n < 0) {
                throw new IOException("closed");
            }
            at += n;
            pace(start, at);
        }
        holdIfFrozen();
    }

    private void send(OutputStream out, byte type, long id, byte[] payload, long pace) throws IOException {
        holdIfFrozen();
        ByteBuf header = Unpooled.buffer(PeerMessage.HEADER_LENGTH);
        PeerMessage.writeHeader(header, type, (byte) 0, (byte) 0, (byte) 0, (byte) 0, id, payload.length);
        out.write(ByteBufUtil.getBytes(header));
        header.release();
        long start = System.nanoTime();
        for (int at = 0; at < payload.length; ) {
            int n = Math.min(CHUNK, payload.length - at);
            holdIfFrozen();
            out.write(payload, at, n);
            out.flush();
            at += n;
            if (pace != Long.MAX_VALUE) {
                pacedAt(start, at, pace);
            }
        }
        out.flush();
    }

    private void pace(long start, long bytes) {
        long pace = readPace;
        if (pace != Long.MAX_VALUE) {
            pacedAt(start, bytes, pace);
        }
    }

    /** Simulates a slow node: waits until {@code bytes} are due at {@code pace} since {@code start}. */
    private static void pacedAt(long start, long bytes, long pace) {
        long due = start + (long) (bytes * 1e9 / pace);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private void holdIfFrozen() {
        while (frozen) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    @Override
    public void close() throws IOException {
        frozen = false;
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
