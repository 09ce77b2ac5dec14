package io.dynoj.memcached.engine;

import io.dynoj.testkit.RawSocket;

/**
 * Sends one command followed by {@code mn} and returns everything answered before {@code MN}: the
 * command's whole reply, however many lines (or none, for noreply and quiet commands), without
 * guessing its shape or waiting on a timer. Replies must not contain {@code MN\r\n} themselves
 * (test values are lower case).
 */
final class SentinelClient implements AutoCloseable {

    private static final String MN = "MN\r\n";

    private final RawSocket socket;

    SentinelClient(String host, int port) {
        socket = new RawSocket(host, port);
    }

    String exchange(String command) {
        String all = socket.send(command + "mn\r\n").readUntil(MN);
        return all.substring(0, all.length() - MN.length());
    }

    @Override
    public void close() {
        socket.close();
    }
}
