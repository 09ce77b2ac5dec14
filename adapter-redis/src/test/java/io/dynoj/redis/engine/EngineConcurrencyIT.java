package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.RespClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Commands on one key from many clients on several I/O threads are atomic (on LevelDB, the default store). */
class EngineConcurrencyIT {

    private static final int CLIENTS = 50;
    private static final int INCRS_PER_CLIENT = 200;

    @Test
    void fiftyClientsIncrementingOneKeyEndAtTheExactCount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try (NodeFixture node = NodeFixture.builder("redis", Backend.store("leveldb")).configure(c -> c.ioThreads(4)).start()) {
            int port = node.port();
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(CompletableFuture.runAsync(() -> {
                    try (RespClient client = new RespClient("127.0.0.1", port)) {
                        for (int i = 0; i < INCRS_PER_CLIENT; i++) {
                            client.call("INCR", "counter");
                            client.call("HINCRBY", "hash", "field", "1");
                            client.call("APPEND", "log", "x");
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get();
            try (RespClient client = new RespClient("127.0.0.1", port)) {
                long expected = (long) CLIENTS * INCRS_PER_CLIENT;
                assertThat(client.call("GET", "counter")).isEqualTo(Long.toString(expected).getBytes());
                assertThat(client.call("STRLEN", "log")).isEqualTo(expected);
                assertThat(client.call("HGET", "hash", "field")).isEqualTo(Long.toString(expected).getBytes());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
