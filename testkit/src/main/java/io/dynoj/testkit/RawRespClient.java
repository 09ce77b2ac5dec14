package io.dynoj.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A RESP client that returns each reply exactly as the server sent it (as UTF-8 text), for comparing
 * two servers byte for byte. Commands go out as RESP arrays of bulk strings; replies are framed by
 * {@link RawSocket#readReply()}. Not thread-safe.
 */
public final class RawRespClient implements AutoCloseable {

    private final RawSocket socket;

    /**
     * @throws java.io.UncheckedIOException if the connection fails
     */
    public RawRespClient(String host, int port) {
        socket = new RawSocket(host, port);
    }

    /** Sends one command and returns its whole reply, e.g. {@code "+OK\r\n"} or {@code "*2\r\n$1\r\na\r\n..."}. */
    public String call(List<byte[]> args) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            frame.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            frame.writeBytes(a);
            frame.writeBytes(new byte[] {'\r', '\n'});
        }
        socket.send(frame.toByteArray());
        // The socket reads bytes as ISO-8859-1; shown as UTF-8 so that failure messages read as typed.
        return new String(socket.readReply().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    public String call(String... args) {
        return call(Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.UTF_8)).toList());
    }

    @Override
    public void close() {
        socket.close();
    }
}
