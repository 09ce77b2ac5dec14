package io.dynoj.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.MariaDbServer;
import io.dynoj.testkit.RawSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node with {@code datastore: mysql} serves memcached clients too (the memcached command engine). */
class MySqlMemcachedNodeIT {

    private MariaDbServer db;
    private NodeFixture node;

    @BeforeEach
    void start() {
        db = MariaDbServer.start();
        node = NodeFixture.builder("memcached", Backend.store("mysql"))
                .configure(c -> c.ioThreads(1).datastoreConnections(4)
                        .section("mysql", TestStores.section(db, TestStores.newTable(), "connect_timeout", 1000)))
                .start();
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
    void storageCommandsAndAnOutage() {
        try (RawSocket client = new RawSocket(node.port())) {
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
}
