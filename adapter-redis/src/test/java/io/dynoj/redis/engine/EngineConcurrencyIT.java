package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.node.DynojNode;
import io.dynoj.testkit.RespClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands on one key from many clients on several I/O threads are atomic (on LevelDB, the default store). */
class EngineConcurrencyIT {

    private static final int CLIENTS = 50;
    private static final int INCRS_PER_CLIENT = 200;

    @TempDir
    Path dataDir;

    @Test
    void fiftyClientsIncrementingOneKeyEndAtTheExactCount() throws Exception {
        NodeConfig config = NodeConfig.builder()
                .listen(new HostPort("127.0.0.1", 0)).statsListen(new HostPort("127.0.0.1", 0))
                .datastoreType("leveldb").dataDir(dataDir).ioThreads(4).build();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try (DynojNode node = new DynojNode(config).start()) {
            int port = node.clientAddress().getPort();
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
