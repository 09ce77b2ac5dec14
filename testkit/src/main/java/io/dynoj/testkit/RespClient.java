package io.dynoj.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A minimal blocking RESP2 client for test assertions.
 *
 * <p>It deliberately shares no code with Dynoj, so a test can check the proxy's answers (or a backend's state)
 * with something that cannot share the proxy's bugs. Not thread-safe; one command at a time.
 *
 * <p>Replies map to Java as: simple string to {@link String}, integer to {@link Long}, bulk string to
 * {@code byte[]} ({@code null} for nil), array to {@code List<Object>} ({@code null} for a nil array). A top-level
 * error reply is thrown as {@link RespError}; an error nested inside an array is returned as a {@link RespError}
 * element, so one failed command inside {@code EXEC} does not hide the others.
 */
public final class RespClient implements AutoCloseable {

    /** Connect and read timeout. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /**
     * Connects to a RESP server.
     *
     * @param host host name or address
     * @param port TCP port
     * @throws UncheckedIOException if the connection fails
     */
    public RespClient(String host, int port) {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), Math.toIntExact(TIMEOUT.toMillis()));
            s.setSoTimeout(Math.toIntExact(TIMEOUT.toMillis()));
            s.setTcpNoDelay(true);
            this.in = new BufferedInputStream(s.getInputStream());
            this.out = new BufferedOutputStream(s.getOutputStream());
        } catch (IOException e) {
            closeQuietly(s);
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
        this.socket = s;
    }

    /**
     * Sends one command, arguments encoded as UTF-8, and returns the reply.
     *
     * @param args command name and arguments
     * @return the decoded reply (see the class description)
     * @throws RespError if the server answers with an error
     * @throws UncheckedIOException on I/O failure or timeout
     */
    public Object call(String... args) {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return call(bytes);
    }

    /**
     * Sends one command with binary arguments and returns the reply.
     *
     * @param args command name and arguments
     * @return the decoded reply (see the class description)
     * @throws RespError if the server answers with an error
     * @throws UncheckedIOException on I/O failure or timeout
     */
    public Object call(byte[]... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("a command needs at least its name");
        }
        Object reply;
        try {
            write(args);
            reply = read();
        } catch (IOException e) {
            throw new UncheckedIOException("RESP call " + new String(args[0], StandardCharsets.UTF_8) + " failed", e);
        }
        if (reply instanceof RespError error) {
            // Re-created so the stack trace points at the caller, not at the parser.
            throw new RespError(error.getMessage());
        }
        return reply;
    }

    /** @return the reply to {@code PING}, normally {@code PONG} */
    public String ping() {
        return expect(call("PING"), String.class, "PING");
    }

    /** @return the number of keys in the selected database */
    public long dbSize() {
        return expect(call("DBSIZE"), Long.class, "DBSIZE");
    }

    /** Deletes every key in every database. */
    public void flushAll() {
        expectOk(call("FLUSHALL"), "FLUSHALL");
    }

    /**
     * @param key the key, UTF-8 encoded
     * @return its value, or {@code null} if it does not exist
     */
    public byte[] get(String key) {
        return expect(call("GET", key), byte[].class, "GET");
    }

    /**
     * @param key   the key, UTF-8 encoded
     * @param value the value, UTF-8 encoded
     */
    public void set(String key, String value) {
        expectOk(call("SET", key, value), "SET");
    }

    /** Closes the connection; idempotent. */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    private void write(byte[][] args) throws IOException {
        writeHeader('*', args.length);
        for (byte[] arg : args) {
            writeHeader('$', arg.length);
            out.write(arg);
            out.write(CRLF);
        }
        out.flush();
    }

    private void writeHeader(char type, int length) throws IOException {
        out.write(type);
        out.write(Integer.toString(length).getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed while waiting for a reply");
        }
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                return new RespError(line);
            case ':':
                return parseLong(line);
            case '$':
                return readBulk(Math.toIntExact(parseLong(line)));
            case '*':
                return readArray(Math.toIntExact(parseLong(line)));
            default:
                throw new IOException("not a RESP2 reply type: '" + (char) type + "' followed by " + line);
        }
    }

    private byte[] readBulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] data = in.readNBytes(length);
        if (data.length != length || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException("bulk string of " + length + " bytes truncated");
        }
        return data;
    }

    private List<Object> readArray(int count) throws IOException {
        if (count < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(read());
        }
        return Collections.unmodifiableList(items);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the middle of a reply line");
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("CR not followed by LF in a reply line");
                }
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    private static long parseLong(String text) throws IOException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("expected an integer in the reply, got: " + text, e);
        }
    }

    private static <T> T expect(Object reply, Class<T> type, String command) {
        if (reply != null && !type.isInstance(reply)) {
            throw new IllegalStateException(command + " returned " + describe(reply) + ", expected "
                    + type.getSimpleName());
        }
        return type.cast(reply);
    }

    private static void expectOk(Object reply, String command) {
        if (!"OK".equals(reply)) {
            throw new IllegalStateException(command + " returned " + describe(reply) + ", expected OK");
        }
    }

    private static String describe(Object reply) {
        if (reply instanceof byte[] bytes) {
            return "bulk \"" + new String(bytes, StandardCharsets.UTF_8) + "\"";
        }
        return reply == null ? "nil" : reply.getClass().getSimpleName() + " " + reply;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing useful to do: the connection is being discarded either way
        }
    }

    /** An error reply ({@code -ERR ...}) from the server; the message is the reply text without the dash. */
    public static final class RespError extends RuntimeException {

        /** @param message the error text as sent by the server, e.g. {@code ERR unknown command} */
        public RespError(String message) {
            super(message);
        }
    }
}
