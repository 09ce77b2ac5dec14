package io.dynoj.memcached.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends one command followed by {@code mn} and returns everything answered before {@code MN}: the
 * command's whole reply, however many lines (or none, for noreply and quiet commands), without
 * guessing its shape or waiting on a timer. Replies must not contain {@code MN\r\n} themselves
 * (test values are lower case).
 */
final class SentinelClient implements AutoCloseable {

    private static final byte[] MN = "mn\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];

    SentinelClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    String exchange(String command) throws IOException {
        byte[] bytes = command.getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[bytes.length + MN.length];
        System.arraycopy(bytes, 0, request, 0, bytes.length);
        System.arraycopy(MN, 0, request, bytes.length, MN.length);
        out.write(request);
        out.flush();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (!endsWithMn(got)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("connection closed after " + got.toString(StandardCharsets.ISO_8859_1));
            }
            got.write(buffer, 0, n);
        }
        String all = got.toString(StandardCharsets.ISO_8859_1);
        return all.substring(0, all.length() - 4);
    }

    private static boolean endsWithMn(ByteArrayOutputStream got) {
        int size = got.size();
        if (size < 4) {
            return false;
        }
        byte[] b = got.toByteArray();
        return b[size - 4] == 'M' && b[size - 3] == 'N' && b[size - 2] == '\r' && b[size - 1] == '\n';
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
