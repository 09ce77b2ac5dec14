package io.dynoj.memcached.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.RawSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.rubyeye.xmemcached.GetsResponse;
import net.rubyeye.xmemcached.MemcachedClient;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node serving memcached from its own store (datastore {@code leveldb}, the default, through the
 * memcached command engine), nothing behind it: real clients work against it, and commands on one key are atomic
 * across client connections and I/O threads.
 */
class EmbeddedStoreIT {

    private static final int CLIENTS = 50;
    private static final int INCRS_PER_CLIENT = 200;

    private static NodeFixture node;

    @BeforeAll
    static void start() {
        node = NodeFixture.builder("memcached", Backend.store("leveldb"))
                .configure(c -> c.requestLimits(l -> l.withItemSizeMax(8L * 1024 * 1024))).start();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static String address() {
        return node.address();
    }

    @Test
    void fiftyClientsIncrementingOneKeyEndAtTheExactCount() throws Exception {
        try (RawSocket setup = new RawSocket(node.port())) {
            assertThat(setup.call("set counter 0 0 1\r\n0\r\n")).isEqualTo("STORED");
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    try (RawSocket client = new RawSocket(node.port())) {
                        go.await();
                        for (int i = 0; i < INCRS_PER_CLIENT; i++) {
                            assertThat(client.call("incr counter 1\r\n")).matches("[0-9]+");
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> client : clients) {
                client.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (RawSocket check = new RawSocket(node.port())) {
            check.send("get counter\r\n");
            assertThat(check.readUntil("END\r\n"))
                    .isEqualTo("VALUE counter 0 5\r\n" + CLIENTS * INCRS_PER_CLIENT + "\r\nEND\r\n");
        }
    }

    @Test
    void spymemcachedAndXmemcachedWork() throws Exception {
        net.spy.memcached.MemcachedClient spy = Clients.spy(address());
        MemcachedClient xm = Clients.xmemcached(address());
        try {
            assertThat(spy.set("k", 0, "v1").get()).isTrue();
            assertThat(xm.<String>get("k")).isEqualTo("v1");
            CASValue<Object> seen = spy.gets("k");
            assertThat(spy.cas("k", seen.getCas(), "v2")).isEqualTo(CASResponse.OK);
            assertThat(spy.cas("k", seen.getCas(), "v3")).isEqualTo(CASResponse.EXISTS);
            GetsResponse<String> again = xm.gets("k");
            assertThat(again.getValue()).isEqualTo("v2");
            assertThat(again.getCas()).isNotEqualTo(seen.getCas());
            assertThat(xm.append("k", "-tail")).isTrue();
            assertThat(spy.get("k")).isEqualTo("v2-tail");
            assertThat(xm.incr("n", 5, 100)).isEqualTo(100);
            assertThat(spy.incr("n", 5)).isEqualTo(105);
            assertThat(spy.decr("n", 1000)).isZero();
            assertThat(xm.touch("k", 100)).isTrue();
            assertThat(spy.delete("k").get()).isTrue();
            assertThat(xm.<String>get("k")).isNull();
            // Larger than memcached's default 1 MB item limit; the node's item_size_max here is 8 MB.
            String big = "x".repeat(3 * 1024 * 1024);
            assertThat(spy.set("big", 0, big).get()).isTrue();
            assertThat(xm.<String>get("big")).isEqualTo(big);
        } finally {
            spy.shutdown(5, TimeUnit.SECONDS);
            Clients.shutdown(xm);
        }
    }
}
