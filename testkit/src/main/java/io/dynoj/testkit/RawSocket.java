package io.dynoj.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A plain TCP connection to talk bytes to a server: what a hand-written, pipelining or broken client
 * would send, and exactly what comes back. It writes whatever it is given and reads a line (memcached
 * text), a number of bytes, everything up to a marker, or one whole RESP reply.
 *
 * <p>Text is ISO-8859-1 both ways, one char per byte, so nothing is replaced or lost. Every read
 * waits at most the {@linkplain #timeout(Duration) timeout} (10 s unless changed) for more bytes,
 * then fails with an {@link UncheckedIOException} whose cause is a {@link SocketTimeoutException}: a
 * test that waits for an answer that never comes fails instead of hanging. Not thread-safe.
 */
public final class RawSocket implements AutoCloseable {

    /** Connect timeout, and the read timeout until {@link #timeout(Duration)} changes it. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String peer;

    /** Connects to {@code port} on 127.0.0.1. */
    public RawSocket(int port) {
        this("127.0.0.1", port);
    }

    /**
     * @throws UncheckedIOException if the connection fails
     */
    public RawSocket(String host, int port) {
        peer = host + ":" + port;
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), Math.toIntExact(TIMEOUT.toMillis()));
            s.setSoTimeout(Math.toIntExact(TIMEOUT.toMillis()));
            s.setTcpNoDelay(true);
            in = new BufferedInputStream(s.getInputStream());
            out = s.getOutputStream();
        } catch (IOException e) {
            closeQuietly(s);
            throw new UncheckedIOException("cannot connect to " + peer, e);
        }
        socket = s;
    }

    /** How long each later read may wait for the next bytes. */
    public RawSocket timeout(Duration timeout) {
        try {
            socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Sends {@code text}, one byte per char (ISO-8859-1). */
    public RawSocket send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawSocket send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send to " + peer, e);
        }
        return this;
    }

    /** Sends {@code request} (nothing if it is empty) and returns the next line, without its line end. */
    public String call(String request) {
        if (!request.isEmpty()) {
            send(request);
        }
        return readLine();
    }

    /** The next line without its {@code \n} or {@code \r\n}; fails if the connection closes first. */
    public String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = next()) != '\n') {
            if (b < 0) {
                throw closed(line);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** The next {@code count} bytes, or fewer if the peer closes the connection first. */
    public String read(int count) {
        try {
            return new String(in.readNBytes(count), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from " + peer, e);
        }
    }

    /** Everything up to and including the next {@code end}; fails if the connection closes first. */
    public String readUntil(String end) {
        byte[] marker = end.getBytes(StandardCharsets.ISO_8859_1);
        Received got = new Received();
        while (!got.endsWith(marker)) {
            int b = next();
            if (b < 0) {
                throw closed(got);
            }
            got.write(b);
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * One whole RESP reply exactly as sent, nested arrays included, e.g. {@code "+OK\r\n"} or
     * {@code "*2\r\n$1\r\na\r\n$-1\r\n"}.
     */
    public String readReply() {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        readReply(reply);
        return reply.toString(StandardCharsets.ISO_8859_1);
    }

    private void readReply(ByteArrayOutputStream reply) {
        String line = readLine();
        reply.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        char type = line.isEmpty() ? ' ' : line.charAt(0);
        switch (type) {
            case '+', '-', ':' -> { }
            case '$' -> {
                int length = Integer.parseInt(line.substring(1));
                if (length >= 0) {
                    String data = read(length + 2);
                    if (data.length() < length + 2) {
                        throw closed(reply);
                    }
                    reply.writeBytes(data.getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            case '*' -> {
                int count = Integer.parseInt(line.substring(1));
                for (int i = 0; i < count; i++) {
                    readReply(reply);
                }
            }
            default -> throw new UncheckedIOException(new IOException("not a RESP reply from " + peer + ": " + line));
        }
    }

    /**
     * Whether the peer closes the connection (end of stream or reset) within the timeout, with nothing
     * more to read before that. Bytes that arrive instead are left unread.
     */
    public boolean closedByPeer() {
        try {
            in.mark(1);
            int b = in.read();
            if (b >= 0) {
                in.reset();
                return false;
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset: closed with our unread bytes in its buffer
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the connection; idempotent. */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    private int next() {
        try {
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException("reading from " + peer, e);
        }
    }

    private UncheckedIOException closed(ByteArrayOutputStream got) {
        return new UncheckedIOException(new EOFException(peer + " closed the connection after: "
                + got.toString(StandardCharsets.ISO_8859_1)));
    }

    /** Bytes read so far, whose tail can be compared without copying them (checked after every byte). */
    private static final class Received extends ByteArrayOutputStream {

        boolean endsWith(byte[] marker) {
            return count >= marker.length && Arrays.equals(buf, count - marker.length, count, marker, 0, marker.length);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the connection is being discarded either way
        }
    }
}
