package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.Binaries;
import io.dynoj.testkit.RawRespClient;
import io.dynoj.testkit.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A node that asks its clients for credentials (requirepass and ACL users), in front of a redis-server that asks
 * the node for its own: raw RESP, Jedis, Lettuce and redis-py, and the same replies as a redis-server with the
 * same users.
 */
class RedisAuthIT {

    static final String NOAUTH = "-NOAUTH Authentication required.\r\n";
    static final String WRONGPASS = "-WRONGPASS invalid username-password pair or user is disabled.\r\n";
    static final List<String> ACL = List.of(
            "user default on >defaultpw ~* +@all",
            "user app on >apppw ~app:* +@read",
            "user writer on >writerpw ~app:* +@read +@write -@dangerous",
            "user tx on >txpw ~app:* +@read +@transaction");

    @TempDir
    static Path dir;
    private static NodeFixture fixture;

    @BeforeAll
    static void start() throws IOException {
        Path acl = Files.write(dir.resolve("users.acl"), ACL);
        Path backendPassword = Files.writeString(dir.resolve("backend.pw"), "backendpw\n");
        ObjectNode redisSection = JsonNodeFactory.instance.objectNode().put("password_file", backendPassword.toString());
        fixture = NodeFixture.builder("redis", Backend.server("redis-server with requirepass",
                        () -> RedisServer.startWith("--requirepass", "backendpw")))
                .configure(c -> c.aclFile(acl).section("redis", redisSection).allowFlushAll(true))
                .start();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static RawRespClient raw() {
        return new RawRespClient("127.0.0.1", fixture.port());
    }

    @Test
    void withoutAuthGetSetAndFlushallAreRefused() {
        try (RawRespClient c = raw()) {
            assertThat(c.call("GET", "k")).isEqualTo(NOAUTH);
            assertThat(c.call("SET", "k", "v")).isEqualTo(NOAUTH);
            assertThat(c.call("FLUSHALL")).isEqualTo(NOAUTH);
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void wrongPasswordIsWrongpassThenTheRightOneWorks() {
        try (RawRespClient c = raw()) {
            assertThat(c.call("AUTH", "nope")).isEqualTo(WRONGPASS);
            assertThat(c.call("AUTH", "app", "defaultpw")).isEqualTo(WRONGPASS);
            assertThat(c.call("GET", "k")).isEqualTo(NOAUTH);
            assertThat(c.call("AUTH", "defaultpw")).isEqualTo("+OK\r\n");
            // Through the node to the redis-server, which only answers the node once it authenticated.
            assertThat(c.call("SET", "auth:k", "v")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "auth:k")).isEqualTo("$1\r\nv\r\n");
            assertThat(c.call("CLIENT", "INFO")).contains(" user=default ");
        }
    }

    @Test
    void aReadUserOfAppKeysCannotWriteNorReadOtherKeys() {
        try (RawRespClient admin = raw(); RawRespClient c = raw()) {
            admin.call("AUTH", "defaultpw");
            admin.call("SET", "app:1", "one");
            assertThat(c.call("AUTH", "app", "apppw")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "app:1")).isEqualTo("$3\r\none\r\n");
            assertThat(c.call("SET", "app:1", "x")).startsWith("-NOPERM ").contains("'set' command");
            assertThat(c.call("GET", "other")).startsWith("-NOPERM ").contains("keys");
            assertThat(c.call("FLUSHALL")).startsWith("-NOPERM ");
            assertThat(c.call("ACL", "WHOAMI")).startsWith("-NOPERM"); // as in Redis: +@read has no ACL WHOAMI
            assertThat(admin.call("ACL", "WHOAMI")).isEqualTo("$7\r\ndefault\r\n");
            assertThat(admin.call("ACL", "LIST")).startsWith("-ERR 'acl|list' is not supported by Dynoj");
            assertThat(admin.call("CLIENT", "LIST")).contains(" user=app ");
            assertThat(admin.call("GET", "app:1")).isEqualTo("$3\r\none\r\n");
        }
    }

    @Test
    void aTransactionRunsNothingItsUserMayNotRun() {
        try (RawRespClient c = raw()) {
            assertThat(c.call("AUTH", "tx", "txpw")).isEqualTo("+OK\r\n");
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "app:tx")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("SET", "app:tx", "v")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("EXEC")).startsWith("-NOPERM ").contains("'set' command");
            assertThat(c.call("GET", "app:tx")).isEqualTo("$-1\r\n");
        }
    }

    /** The same users on a redis-server give the same replies, byte for byte (PING aside: see RedisAuthState). */
    @Test
    void repliesAreRedisOwn() throws IOException {
        Path acl = Files.write(dir.resolve("redis.acl"), ACL);
        String[][] script = {
            {"GET", "app:c1"}, {"SET", "app:c1", "v"}, {"HELLO"}, {"HELLO", "2", "BOGUS"}, {"AUTH", "nope"},
            {"AUTH", "app", "nope"}, {"AUTH", "a", "b", "c"}, {"HELLO", "2", "AUTH", "app", "nope"}, {"NOSUCH"},
            {"GET"}, {"AUTH", "app", "apppw"}, {"GET", "app:c1"}, {"SET", "app:c1", "w"}, {"GET", "other"},
            {"MGET", "app:c1", "other"}, {"CONFIG", "GET", "maxmemory"}, {"FLUSHALL"}, {"CLIENT", "KILL", "x"},
            {"AUTH", "writer", "writerpw"}, {"SET", "app:c2", "x"}, {"SET", "b", "x"}, {"FLUSHALL"},
            {"DEL", "app:c2"}, {"ACL", "WHOAMI"}, {"AUTH", "defaultpw"}, {"DEL", "app:c1"}, {"ACL", "WHOAMI"}};
        try (RedisServer redis = RedisServer.startWith("--aclfile", acl.toString());
             RawRespClient expected = new RawRespClient(redis.host(), redis.port()); RawRespClient actual = raw()) {
            for (String[] command : script) {
                assertThat(actual.call(command)).as(String.join(" ", command)).isEqualTo(expected.call(command));
            }
        }
    }

    @Test
    void jedisWithCredentials() {
        HostAndPort node = new HostAndPort("127.0.0.1", fixture.port());
        try (Jedis j = new Jedis(node, DefaultJedisClientConfig.builder().user("writer").password("writerpw").build())) {
            assertThat(j.set("app:j", "v")).isEqualTo("OK");
            assertThat(j.get("app:j")).isEqualTo("v");
            assertThatThrownBy(() -> j.get("elsewhere")).isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
        }
        try (Jedis j = new Jedis(node, DefaultJedisClientConfig.builder().password("defaultpw").build())) {
            assertThat(j.get("app:j")).isEqualTo("v");
        }
        assertThatThrownBy(() -> {
            try (Jedis j = new Jedis(node, DefaultJedisClientConfig.builder().password("wrong").build())) {
                j.get("app:j");
            }
        }).isInstanceOf(JedisAccessControlException.class).hasMessageContaining("WRONGPASS");
    }

    @Test
    void lettuceWithCredentials() {
        RedisURI uri = RedisURI.builder().withHost("127.0.0.1").withPort(fixture.port())
                .withAuthentication("writer", "writerpw".toCharArray()).withTimeout(Duration.ofSeconds(30)).build();
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().set("app:l", "v")).isEqualTo("OK");
            assertThat(connection.sync().get("app:l")).isEqualTo("v");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void redisPyWithCredentials() throws Exception {
        assertThat(redisPy(fixture.port(), "writer", "writerpw", dir)).isEqualTo("OK");
    }

    /**
     * What {@code redis_py_auth_check.py} printed against {@code port} as {@code user}: "OK", or the traceback.
     * Without python3's redis module the test is skipped here and fails under CI, as ExternalClientsIT does.
     */
    static String redisPy(int port, String user, String password, Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python) || new ProcessBuilder(python.toString(), "-c", "import redis").start().waitFor() != 0) {
            Binaries.require("python3-redis-module-missing", "python3-redis");
        }
        Path script = dir.resolve("redis_py_auth_check.py");
        try (InputStream in = RedisAuthIT.class.getResourceAsStream("/clients/redis_py_auth_check.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(), Integer.toString(port),
                user, password));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.trim();
    }
}
