package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.Binaries;
import io.dynoj.testkit.RespClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redis's own tools and redis-py, run as processes against a node. */
class ExternalClientsIT {

    private static NodeFixture fixture;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        fixture = NodeFixture.start("redis", Backend.redisServer());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(p.exitValue()).as("exit code of %s, output:%n%s", command, output).isZero();
        return output;
    }

    @Test
    void redisCli() throws Exception {
        String cli = Binaries.require("redis-cli", "redis-tools").toString();
        String port = Integer.toString(fixture.port());
        assertThat(run(List.of(cli, "-p", port, "SET", "cli:k", "hello world"), null).trim()).isEqualTo("OK");
        assertThat(run(List.of(cli, "-p", port, "GET", "cli:k"), null).trim()).isEqualTo("hello world");
        String piped = run(List.of(cli, "-p", port), "INCR cli:n\nINCR cli:n\nPING\n");
        assertThat(piped.lines().toList()).containsExactly("1", "2", "PONG");
    }

    @Test
    void redisBenchmarkRunsCleanAndEveryWriteLands() throws Exception {
        String bench = Binaries.require("redis-benchmark", "redis-tools").toString();
        try (RespClient direct = fixture.redis().client()) {
            direct.flushAll();
            String out = run(List.of(bench, "-p", Integer.toString(fixture.port()), "-t", "set,get,incr,lpush,hset",
                    "-n", "20000", "-c", "20", "-P", "16", "-q"), null);
            assertThat(out).contains("SET: ", "GET: ", "INCR: ", "LPUSH: ", "HSET: ").doesNotContain("ERR");
            // Without -r every command hits one key per type: the counter proves no INCR was lost.
            assertThat(direct.call("GET", "counter:__rand_int__")).isEqualTo("20000".getBytes(StandardCharsets.US_ASCII));
            assertThat(direct.call("LLEN", "mylist")).isEqualTo(20000L);
        }
    }

    @Test
    void redisPy() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        List<String> probe = new ArrayList<>(List.of(python.toString(), "-c", "import redis"));
        if (!Files.isExecutable(python) || new ProcessBuilder(probe).start().waitFor() != 0) {
            Binaries.require("python3-redis-module-missing", "python3-redis");
        }
        Path script = dir.resolve("redis_py_check.py");
        try (InputStream in = getClass().getResourceAsStream("/clients/redis_py_check.py")) {
            Files.write(script, in.readAllBytes());
        }
        String out = run(List.of(python.toString(), script.toString(), Integer.toString(fixture.port())), null);
        assertThat(out.trim()).isEqualTo("OK");
    }
}
