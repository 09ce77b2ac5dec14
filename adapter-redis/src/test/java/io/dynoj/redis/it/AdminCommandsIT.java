package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.RespClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Redis's own test suite and monitoring tools send first, over real sockets: on a node with
 * the embedded engine (which answers FUNCTION, CONFIG and INFO itself) and on a node in front of
 * redis-server (which answers CONFIG GET and INFO; the node refuses to change its settings). CLIENT
 * is the node's own either way.
 */
class AdminCommandsIT {

    private static NodeFixture embedded;
    private static NodeFixture fronted;

    @BeforeAll
    static void start() {
        embedded = NodeFixture.builder("redis", Backend.store("memory")).configure(c -> c.allowFlushAll(true)).start();
        fronted = NodeFixture.start("redis", Backend.redisServer());
    }

    @AfterAll
    static void stop() {
        embedded.close();
        fronted.close();
    }

    private static RespClient client(int port) {
        return new RespClient("127.0.0.1", port);
    }

    private static String text(Object reply) {
        return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(reply);
    }

    @Test
    void theTestSuitesPreambleWorksOnTheEmbeddedEngine() {
        try (RespClient c = client(embedded.port())) {
            assertThat(c.call("FLUSHALL")).isEqualTo("OK");
            assertThat(c.call("FUNCTION", "FLUSH")).isEqualTo("OK");
            assertThat(c.call("FUNCTION", "LIST")).isEqualTo(List.of());
            List<?> saved = (List<?>) c.call("CONFIG", "GET", "hash-max-ziplist-entries");
            assertThat(c.call("CONFIG", "SET", "hash-max-ziplist-entries", "20")).isEqualTo("OK");
            assertThat(text(((List<?>) c.call("CONFIG", "GET", "hash-max-listpack-entries")).get(1))).isEqualTo("20");
            assertThat(c.call("CONFIG", "SET", "hash-max-ziplist-entries", text(saved.get(1)))).isEqualTo("OK");
            assertThatThrownBy(() -> c.call("CONFIG", "SET", "appendonly", "yes"))
                    .hasMessageContaining("CONFIG SET failed (possibly related to argument 'appendonly')");
            c.call("SET", "a", "1");
            c.call("SET", "b", "2", "EX", "100");
            String info = text(c.call("INFO"));
            assertThat(info).contains("redis_version:7.0.15", "role:master", "used_cpu_user:",
                    "db0:keys=2,expires=1,avg_ttl=");
            // Read from the node's metric registry by name: a renamed metric must fail here.
            assertThat(Long.parseLong(field(info, "connected_clients"))).isPositive();
            assertThat(Long.parseLong(field(info, "total_connections_received"))).isPositive();
            assertThat(Long.parseLong(field(info, "total_commands_processed"))).isGreaterThanOrEqualTo(8);
            assertThat(text(c.call("INFO", "commandstats"))).contains("cmdstat_set:calls=");
        }
    }

    @Test
    void clientListShowsTheNodesConnectionsByName() {
        int port = embedded.port();
        try (RespClient a = client(port); RespClient b = client(port)) {
            assertThat(a.call("CLIENT", "SETNAME", "first")).isEqualTo("OK");
            assertThatThrownBy(() -> a.call("CLIENT", "SETNAME", "has space"))
                    .hasMessage("ERR Client names cannot contain spaces, newlines or special characters.");
            long aId = (Long) a.call("CLIENT", "ID");
            long bId = (Long) b.call("CLIENT", "ID");
            assertThat(aId).isNotEqualTo(bId);
            assertThat(text(b.call("CLIENT", "INFO"))).startsWith("id=" + bId + " addr=127.0.0.1:").contains(" cmd=client|info ");
            String list = text(b.call("CLIENT", "LIST"));
            assertThat(list).contains("id=" + aId + " ", "name=first ", "id=" + bId + " ", "laddr=127.0.0.1:" + port);
            a.close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(text(b.call("CLIENT", "LIST"))).doesNotContain("id=" + aId + " "));
        }
    }

    @Test
    void inFrontOfRedisServerConfigIsReadFromItButNotChanged() {
        try (RespClient c = client(fronted.port()); RespClient redis = fronted.redis().client()) {
            assertThat(text(((List<?>) c.call("CONFIG", "GET", "port")).get(1)))
                    .as("the redis-server's own settings").isEqualTo(Integer.toString(fronted.redis().port()));
            assertThatThrownBy(() -> c.call("CONFIG", "SET", "maxmemory", "1mb"))
                    .hasMessage("ERR CONFIG SET of 'maxmemory' is not supported by Dynoj: the redis-server's settings belong to its operator");
            assertThat(text(((List<?>) redis.call("CONFIG", "GET", "maxmemory")).get(1))).isEqualTo("0");
            // What changes nothing is answered as Redis does (the test suite sets save "" before its list tests).
            String save = text(((List<?>) redis.call("CONFIG", "GET", "save")).get(1));
            assertThat(c.call("CONFIG", "SET", "save", save, "MAXMEMORY", "0")).as("values it already has").isEqualTo("OK");
            assertThatThrownBy(() -> c.call("CONFIG", "SET", "save", save, "maxmemory", "2mb"))
                    .hasMessageContaining("is not supported by Dynoj");
            assertThatThrownBy(() -> c.call("CONFIG", "SET", "save")).hasMessageContaining("wrong number of arguments");
            assertThat(text(((List<?>) redis.call("CONFIG", "GET", "maxmemory")).get(1))).isEqualTo("0");
            assertThat(c.call("CONFIG", "SET", "zset-max-ziplist-entries", "64")).isEqualTo("OK");
            assertThat(text(((List<?>) redis.call("CONFIG", "GET", "zset-max-listpack-entries")).get(1))).isEqualTo("64");
            assertThat(c.call("FUNCTION", "FLUSH")).isEqualTo("OK");
            assertThat(text(c.call("INFO", "server"))).contains("tcp_port:" + fronted.redis().port());
            assertThat(text(c.call("CLIENT", "LIST"))).as("the node's clients, not the redis-server's")
                    .contains("laddr=127.0.0.1:" + fronted.port());
        }
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in INFO");
    }
}
