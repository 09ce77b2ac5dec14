package io.dynoj.memcached.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.RawSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.rubyeye.xmemcached.GetsResponse;
import net.rubyeye.xmemcached.MemcachedClient;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.internal.OperationFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real clients (spymemcached, xmemcached) use a node in front of a real memcached as if it were
 * memcached: every command answers as memcached's would, pipelined requests and noreply writes keep
 * their order, values are binary-safe and may be large.
 */
class MemcachedClientsIT {

    private static NodeFixture fixture;
    private static net.spy.memcached.MemcachedClient spy;
    private static MemcachedClient xm;

    @BeforeAll
    static void start() {
        fixture = NodeFixture.start("memcached", Backend.memcachedServer());
        spy = Clients.spy(fixture.address());
        xm = Clients.xmemcached(fixture.address());
    }

    @AfterAll
    static void stop() {
        try {
            if (spy != null) {
                spy.shutdown(5, TimeUnit.SECONDS);
            }
            if (xm != null) {
                Clients.shutdown(xm);
            }
        } finally {
            fixture.close();
        }
    }

    @BeforeEach
    void flush() {
        fixture.memcached().flushAll();
    }

    @Test
    void spymemcachedStorageRetrievalAndArithmetic() throws Exception {
        assertThat(spy.set("k", 0, "v1").get()).isTrue();
        assertThat(spy.get("k")).isEqualTo("v1");
        assertThat(spy.add("k", 0, "x").get()).as("add of an existing key").isFalse();
        assertThat(spy.add("fresh", 0, "x").get()).isTrue();
        assertThat(spy.replace("missing", 0, "x").get()).as("replace of a missing key").isFalse();
        assertThat(spy.replace("k", 0, "v2").get()).isTrue();
        assertThat(spy.append("k", "-tail").get()).isTrue();
        assertThat(spy.prepend("k", "head-").get()).isTrue();
        assertThat(spy.get("k")).isEqualTo("head-v2-tail");
        assertThat(spy.append("missing", "x").get()).isFalse();
        assertThat(spy.touch("k", 100).get()).isTrue();
        assertThat(spy.touch("missing", 100).get()).isFalse();
        assertThat(spy.delete("k").get()).isTrue();
        assertThat(spy.delete("k").get()).isFalse();
        assertThat(spy.get("k")).isNull();

        assertThat(spy.incr("n", 1)).as("incr of a missing key").isEqualTo(-1);
        assertThat(spy.set("n", 0, "10").get()).isTrue();
        assertThat(spy.incr("n", 5)).isEqualTo(15);
        assertThat(spy.decr("n", 3)).isEqualTo(12);
        assertThat(spy.decr("n", 100)).as("memcached's decr stops at 0").isZero();
        assertThat(spy.incr("m", 2, 7, 0)).as("created with the default").isEqualTo(7);
        assertThat(spy.incr("m", 2, 7, 0)).isEqualTo(9);
        assertThat(spy.get("m")).isEqualTo("9");
    }

    @Test
    void spymemcachedCasConflictBehavesAsMemcached() throws Exception {
        assertThat(spy.set("c", 0, "v1").get()).isTrue();
        CASValue<Object> seen = spy.gets("c");
        assertThat(seen.getValue()).isEqualTo("v1");
        assertThat(spy.cas("c", seen.getCas(), "v2")).isEqualTo(CASResponse.OK);
        assertThat(spy.cas("c", seen.getCas(), "v3")).as("a stale cas value").isEqualTo(CASResponse.EXISTS);
        assertThat(spy.get("c")).isEqualTo("v2");
        assertThat(spy.gets("c").getCas()).isNotEqualTo(seen.getCas());
        assertThat(spy.cas("nothing-here", 12345L, "x")).isEqualTo(CASResponse.NOT_FOUND);
    }

    @Test
    void xmemcachedStorageRetrievalAndArithmetic() throws Exception {
        assertThat(xm.set("k", 0, "v1")).isTrue();
        assertThat(xm.<String>get("k")).isEqualTo("v1");
        assertThat(xm.add("k", 0, "x")).isFalse();
        assertThat(xm.add("fresh", 0, "x")).isTrue();
        assertThat(xm.replace("missing", 0, "x")).isFalse();
        assertThat(xm.replace("k", 0, "v2")).isTrue();
        assertThat(xm.append("k", "-tail")).isTrue();
        assertThat(xm.prepend("k", "head-")).isTrue();
        assertThat(xm.<String>get("k")).isEqualTo("head-v2-tail");
        assertThat(xm.touch("k", 100)).isTrue();
        assertThat(xm.touch("missing", 100)).isFalse();
        assertThat(xm.delete("k")).isTrue();
        assertThat(xm.delete("k")).isFalse();
        assertThat(xm.<String>get("k")).isNull();

        assertThat(xm.set("n", 0, "10")).isTrue();
        assertThat(xm.incr("n", 5)).isEqualTo(15);
        assertThat(xm.decr("n", 3)).isEqualTo(12);
        assertThat(xm.decr("n", 100)).isZero();
        assertThat(xm.incr("created", 5, 100)).as("xmemcached adds the initial value on a miss").isEqualTo(100);
        assertThat(xm.incr("created", 5, 100)).isEqualTo(105);
    }

    @Test
    void xmemcachedCasConflictBehavesAsMemcached() throws Exception {
        assertThat(xm.set("c", 0, "v1")).isTrue();
        GetsResponse<String> seen = xm.gets("c");
        assertThat(seen.getValue()).isEqualTo("v1");
        assertThat(xm.cas("c", 0, "v2", seen.getCas())).isTrue();
        assertThat(xm.cas("c", 0, "v3", seen.getCas())).as("a stale cas value").isFalse();
        assertThat(xm.<String>get("c")).isEqualTo("v2");
        assertThat(xm.cas("nothing-here", 0, "x", 12345L)).isFalse();
    }

    @Test
    void multiGetReturnsEveryValueThatExists() throws Exception {
        List<String> keys = new ArrayList<>();
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            String key = "multi:" + i;
            keys.add(key);
            if (i % 3 != 0) {
                expected.put(key, "value-" + i);
                assertThat(spy.set(key, 0, "value-" + i).get()).isTrue();
            }
        }
        assertThat(spy.getBulk(keys)).isEqualTo(new HashMap<String, Object>(expected));
        Map<String, String> fromXm = xm.get(keys);
        assertThat(fromXm).isEqualTo(expected);
        Map<String, GetsResponse<String>> gets = xm.gets(keys);
        assertThat(gets.keySet()).isEqualTo(expected.keySet());
        assertThat(gets.values()).allSatisfy(r -> assertThat(r.getCas()).isPositive());
    }

    @Test
    void noreplyWritesAreSeenByTheReadsThatFollow() throws Exception {
        for (int i = 0; i < 500; i++) {
            xm.setWithNoReply("nr:" + i, 0, "v" + i);
        }
        for (int i = 0; i < 500; i++) {
            assertThat(xm.<String>get("nr:" + i)).as("nr:%d", i).isEqualTo("v" + i);
        }
        xm.setWithNoReply("nr", 0, "base");
        xm.appendWithNoReply("nr", "+a");
        xm.prependWithNoReply("nr", "p+");
        assertThat(xm.<String>get("nr")).isEqualTo("p+base+a");
        xm.addWithNoReply("nr", 0, "ignored");
        xm.replaceWithNoReply("nr", 0, "replaced");
        assertThat(xm.<String>get("nr")).isEqualTo("replaced");
        xm.setWithNoReply("count", 0, "1");
        xm.incrWithNoReply("count", 41);
        assertThat(xm.<String>get("count")).isEqualTo("42");
        xm.deleteWithNoReply("nr");
        assertThat(xm.<String>get("nr")).isNull();
        // A noreply request that fails at the server (non-numeric incr) answers nothing either.
        xm.incrWithNoReply("nr:1", 1);
        assertThat(xm.<String>get("nr:1")).isEqualTo("v1");
    }

    @Test
    void quietMetaCommandsAnswerOnlyWhatMemcachedWouldAnswer() throws Exception {
        try (RawSocket raw = new RawSocket(fixture.port())) {
            raw.send("mg missing v q\r\n"      // a miss: silent
                    + "ms k 2 q\r\nhi\r\n"     // stored: silent
                    + "ms k 2 q C1\r\nhi\r\n"  // cas mismatch: EX
                    + "mg k v q k\r\n"          // a hit: answered
                    + "md k q\r\n"              // deleted: silent
                    + "md k q\r\n"              // not found: NF
                    + "mn\r\n");
            assertThat(raw.readUntil("MN\r\n")).isEqualTo("EX\r\nVA 2 kk\r\nhi\r\nNF\r\nMN\r\n");
            raw.send("set a 0 0 3 noreply\r\na\r\n\r\nget a\r\n");
            assertThat(raw.readUntil("END\r\n")).isEqualTo("VALUE a 0 3\r\na\r\n\r\nEND\r\n");
        }
    }

    @Test
    void valuesAreBinarySafe() throws Exception {
        byte[] value = "line\r\nEND\r\nVALUE x 0 1\r\n\u0000\u00ff\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(spy.set("bin", 0, value).get()).isTrue();
        assertThat((byte[]) spy.get("bin")).isEqualTo(value);
        assertThat(xm.set("bin2", 0, value)).isTrue();
        assertThat(xm.<byte[]>get("bin2")).isEqualTo(value);
        assertThat(spy.set("text", 0, "a\r\nb\r\n\r\nEND\r\n").get()).isTrue();
        assertThat(xm.<String>get("text")).as("written by spymemcached, read by xmemcached")
                .isEqualTo("a\r\nb\r\n\r\nEND\r\n");
    }

    @Test
    void largeValuesPassThrough() throws Exception {
        byte[] big = new byte[500 * 1024];
        new Random(11).nextBytes(big);
        assertThat(spy.set("big", 0, big).get()).isTrue();
        assertThat((byte[]) spy.get("big")).isEqualTo(big);
        assertThat(xm.<byte[]>get("big")).isEqualTo(big);
        byte[] other = new byte[500 * 1024];
        new Random(12).nextBytes(other);
        assertThat(xm.set("big2", 0, other)).isTrue();
        Map<String, Object> both = spy.getBulk("big", "big2");
        assertThat((byte[]) both.get("big")).isEqualTo(big);
        assertThat((byte[]) both.get("big2")).isEqualTo(other);
    }

    @Test
    void spymemcachedPipelinedRequestsGetTheirOwnReplies() throws Exception {
        List<OperationFuture<Boolean>> sets = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            sets.add(spy.set("p:" + i, 0, "value:" + i));
        }
        List<Future<Object>> gets = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            gets.add(spy.asyncGet("p:" + i));
        }
        for (int i = 0; i < 2000; i++) {
            assertThat(sets.get(i).get()).isTrue();
            assertThat(gets.get(i).get()).as("p:%d", i).isEqualTo("value:" + i);
        }
    }

    @Test
    void manyConcurrentClientsEachSeeTheirOwnResultsInOrder() throws Exception {
        int clients = 12;
        int rounds = 150;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    if (client % 2 == 0) {
                        net.spy.memcached.MemcachedClient own = Clients.spy(fixture.address());
                        try {
                            for (int i = 0; i < rounds; i++) {
                                String key = "conc:" + client + ":" + i;
                                assertThat(own.set(key, 0, key).get()).isTrue();
                                assertThat(own.get(key)).isEqualTo(key);
                                assertThat(own.incr("counter:" + client, 1, 1, 0)).isEqualTo(i + 1);
                            }
                        } finally {
                            own.shutdown(5, TimeUnit.SECONDS);
                        }
                    } else {
                        MemcachedClient own = Clients.xmemcached(fixture.address());
                        try {
                            for (int i = 0; i < rounds; i++) {
                                String key = "conc:" + client + ":" + i;
                                assertThat(own.set(key, 0, key)).isTrue();
                                assertThat(own.<String>get(key)).isEqualTo(key);
                                assertThat(own.incr("counter:" + client, 1, 1)).isEqualTo(i + 1);
                            }
                        } finally {
                            Clients.shutdown(own);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int c = 0; c < clients; c++) {
            assertThat(spy.get("counter:" + c)).isEqualTo(Integer.toString(rounds));
        }
    }
}
