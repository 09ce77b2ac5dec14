package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.RawRespClient;
import io.dynoj.testkit.RedisServer;
import org.junit.jupiter.api.Test;

/** The node authenticates to a redis-server that requires it, on every backend connection, before any request. */
class RedisBackendAuthIT {

    private static NodeFixture node(Backend backend, ObjectNode redisSection) {
        return NodeFixture.builder("redis", backend).configure(c -> c.section("redis", redisSection)).start();
    }

    private static ObjectNode section() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Test
    void anAclUserOfTheRedisServer() {
        Backend backend = Backend.server("redis-server with an ACL user", () -> RedisServer.startWith(
                "--user", "default", "off", "--user", "dynoj", "on", ">nodepw", "~*", "+@all"));
        try (NodeFixture fixture = node(backend, section().put("user", "dynoj").put("password", "nodepw"));
             RawRespClient client = new RawRespClient("127.0.0.1", fixture.port())) {
            assertThat(client.call("SET", "k", "v")).isEqualTo("+OK\r\n");
            assertThat(client.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
            // The node's connections were authenticated as dynoj, not as the client (who needs nothing here).
            try (RawRespClient direct = new RawRespClient(fixture.server().host(), fixture.server().port())) {
                assertThat(direct.call("AUTH", "dynoj", "nodepw")).isEqualTo("+OK\r\n");
                assertThat(direct.call("CLIENT", "LIST")).contains(" user=dynoj ");
            }
        }
    }

    @Test
    void aWrongPasswordLeavesTheDatastoreUnreachableRatherThanSendingRequestsUnauthenticated() {
        Backend backend = Backend.server("redis-server with requirepass",
                () -> RedisServer.startWith("--requirepass", "right"));
        try (NodeFixture fixture = node(backend, section().put("password", "wrong"));
             RawRespClient client = new RawRespClient("127.0.0.1", fixture.port())) {
            assertThat(client.call("GET", "k")).startsWith("-ERR datastore").contains("not reachable");
            assertThat(fixture.node().toString()).doesNotContain("wrong");
        }
    }

    @Test
    void configGetShowsNoPassword() {
        Backend backend = Backend.server("redis-server with requirepass",
                () -> RedisServer.startWith("--requirepass", "backendpw"));
        try (NodeFixture fixture = node(backend, section().put("password", "backendpw"));
             RawRespClient client = new RawRespClient("127.0.0.1", fixture.port())) {
            assertThat(client.call("CONFIG", "GET", "requirepass")).isEqualTo("*2\r\n$11\r\nrequirepass\r\n$0\r\n\r\n");
            String all = client.call("CONFIG", "GET", "*");
            assertThat(all).contains("requirepass").contains("maxmemory").doesNotContain("backendpw");
            assertThat(client.call("CONFIG", "GET", "maxmemory")).isEqualTo("*2\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n");
        }
    }

    @Test
    void aTransactionThroughAnAuthenticatedBackend() {
        Backend backend = Backend.server("redis-server with requirepass",
                () -> RedisServer.startWith("--requirepass", "backendpw"));
        try (NodeFixture fixture = node(backend, section().put("password", "backendpw"));
             RawRespClient client = new RawRespClient("127.0.0.1", fixture.port())) {
            assertThat(client.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(client.call("SET", "t", "1")).isEqualTo("+QUEUED\r\n");
            assertThat(client.call("EXEC")).isEqualTo("*1\r\n+OK\r\n");
        }
    }
}
