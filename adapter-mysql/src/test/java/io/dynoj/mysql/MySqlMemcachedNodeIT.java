package io.dynoj.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.node.DynojNode;
import io.dynoj.testkit.MariaDbServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node with {@code datastore: mysql} serves memcached clients too (the memcached command engine). */
class MySqlMemcachedNodeIT {

    @TempDir
    Path dataDir;

    private MariaDbServer db;
    private DynojNode node;

    @BeforeEach
    void start() {
        db = MariaDbServer.start();
        node = new DynojNode(NodeConfig.builder()
                .protocol("memcached").datastoreType("mysql").dataDir(dataDir).ioThreads(1).datastoreConnections(4)
                .listen(new HostPort("127.0.0.1", 0)).statsListen(new HostPort("127.0.0.1", 0))
                .section("mysql", TestStores.section(db, TestStores.newTable(), "connect_timeout", 1000))
                .build()).start();
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void storageCommandsAndAnOutage() throws IOException {
        try (Line client = new Line(node.clientAddress().getPort())) {
            assertThat(client.call("set greeting 5 0 5\r\nhello\r\n")).isEqualTo("STORED");
            assertThat(client.call("get greeting\r\n")).isEqualTo("VALUE greeting 5 5");
            assertThat(client.call("")).isEqualTo("hello");
            assertThat(client.call("")).isEqualTo("END");
            assertThat(client.call("set n 0 0 1\r\n7\r\n")).isEqualTo("STORED");
            assertThat(client.call("incr n 5\r\n")).isEqualTo("12");
            assertThat(client.call("add n 0 0 1\r\n1\r\n")).isEqualTo("NOT_STORED");
            assertThat(client.call("delete n\r\n")).isEqualTo("DELETED");

            db.stop();
            assertThat(client.call("set other 0 0 1\r\nx\r\n")).startsWith("SERVER_ERROR database unavailable: ");
            db.restart();
            await().atMost(Duration.ofSeconds(20)).until(() -> client.call("set other 0 0 1\r\ny\r\n").equals("STORED"));
            assertThat(client.call("get greeting\r\n")).isEqualTo("VALUE greeting 5 5");
        }
    }

    /** Requests as text, replies line by line. */
    private static final class Line implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Line(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        String call(String request) throws IOException {
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("closed by the node");
                }
                line.append((char) b);
            }
            return line.toString().strip();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
