package io.dynoj.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A RESP client that returns each reply exactly as the server sent it (as text), for comparing two
 * servers byte for byte. Not thread-safe.
 */
public final class RawRespClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawRespClient(String host, int port) {
        try {
            socket = new Socket(host, port);
            socket.setSoTimeout((int) RespClient.TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
    }

    /** Sends one command and returns its whole reply, e.g. {@code "+OK\r\n"} or {@code "*2\r\n$1\r\na\r\n..."}. */
    public String call(List<byte[]> args) {
        try {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (byte[] a : args) {
                frame.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                frame.writeBytes(a);
                frame.writeBytes(new byte[] {'\r', '\n'});
            }
            out.write(frame.toByteArray());
            out.flush();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            readValue(reply);
            return reply.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String call(String... args) {
        return call(java.util.Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.UTF_8)).toList());
    }

    private void readValue(ByteArrayOutputStream reply) throws IOException {
        String line = readLine(reply);
        char type = line.charAt(0);
        switch (type) {
            case '+', '-', ':' -> { }
            case '$' -> {
                int len = Integer.parseInt(line.substring(1));
                if (len >= 0) {
                    reply.writeBytes(in.readNBytes(len + 2));
                }
            }
            case '*' -> {
                int n = Integer.parseInt(line.substring(1));
                for (int i = 0; i < n; i++) {
                    readValue(reply);
                }
            }
            default -> throw new IOException("not a RESP reply: " + line);
        }
    }

    private String readLine(ByteArrayOutputStream reply) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            line.write(b);
        }
        reply.writeBytes(line.toByteArray());
        reply.write('\n');
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
