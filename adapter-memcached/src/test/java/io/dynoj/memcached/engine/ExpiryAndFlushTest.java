package io.dynoj.memcached.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.storage.MemoryStore;
import io.dynoj.core.storage.StoreIterator;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** exptime rules, expiry sweeps and flush_all, on a settable clock. */
class ExpiryAndFlushTest {

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private int entries() {
        int n = 0;
        try (StoreIterator it = h.store().scan(null, Items.firstStoreKey(), Items.endStoreKey())) {
            while (it.next()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void exptimeRules() {
        long nowSeconds = h.now() / 1000;
        h.run("set never 0 0 1\r\na\r\nset rel 0 2592000 1\r\na\r\nset abs 0 " + (nowSeconds + 10) + " 1\r\na\r\n"
                + "set past 0 " + (nowSeconds - 10) + " 1\r\na\r\nset neg 0 -1 1\r\na\r\n");
        assertThat(h.run("mg rel t\r\nmg abs t\r\n")).isEqualTo("HD t2592000\r\nHD t10\r\n");
        assertThat(h.run("get past neg\r\n")).isEqualTo("END\r\n");
        h.advance(9_999);
        assertThat(h.run("get abs\r\n")).contains("VALUE abs");
        h.advance(1);
        assertThat(h.run("get abs\r\n")).isEqualTo("END\r\n");
        h.advance(2592000L * 1000);
        assertThat(h.run("get rel never\r\n")).isEqualTo("VALUE never 0 1\r\na\r\nEND\r\n");
    }

    @Test
    void expiredItemsAreInvisibleToEveryCommand() {
        h.run("set k 0 10 1\r\n5\r\n");
        h.advance(10_000);
        assertThat(h.run("get k\r\nincr k 1\r\ntouch k 0\r\nappend k 0 0 1\r\nx\r\ndelete k\r\nmg k v\r\nadd k 0 0 1\r\ny\r\n"))
                .isEqualTo("END\r\nNOT_FOUND\r\nNOT_FOUND\r\nNOT_STORED\r\nNOT_FOUND\r\nEN\r\nSTORED\r\n");
    }

    @Test
    void sweepsRemoveExpiredEntriesFromWhereTheyStopped() {
        for (int i = 0; i < 50; i++) {
            h.run("set k" + i + " 0 " + (i % 2 == 0 ? "5" : "0") + " 1\r\na\r\n");
        }
        assertThat(entries()).isEqualTo(50);
        h.advance(5_000);
        int removed = 0;
        for (int round = 0; round < 5; round++) {
            removed += h.engine().removeExpired(10);
        }
        assertThat(removed).isEqualTo(25);
        assertThat(entries()).isEqualTo(25);
    }

    @Test
    void flushAllNowAndDelayed() {
        h.run("set a 0 0 1\r\na\r\nset b 0 0 1\r\nb\r\nset unread 0 0 1\r\nu\r\n");
        assertThat(h.run("flush_all\r\nget a b\r\n")).isEqualTo("OK\r\nEND\r\n");
        assertThat(h.run("set a 0 0 1\r\nA\r\nget a\r\n")).isEqualTo("STORED\r\nVALUE a 0 1\r\nA\r\nEND\r\n");
        assertThat(h.engine().removeExpired(100)).as("the flushed entry is swept").isEqualTo(1);

        assertThat(h.run("flush_all 10\r\n")).isEqualTo("OK\r\n");
        h.advance(8_999);
        assertThat(h.run("get a\r\n")).contains("VALUE a");
        h.advance(1);
        assertThat(h.run("get a\r\n")).as("gone one second before the delay ends, as memcached").isEqualTo("END\r\n");
        assertThat(h.run("set c 0 0 1\r\nc\r\nget c\r\n")).contains("VALUE c");
        assertThat(h.run("flush_all 0 noreply\r\nget c\r\n")).isEqualTo("END\r\n");
    }

    @Test
    void flushAndCasSurviveARestart() {
        MemoryStore store = new MemoryStore();
        AtomicLong clock = new AtomicLong(EngineHarness.START);
        NodeConfig config = NodeConfig.builder().allowFlushAll(true).build();
        long before;
        try (EngineHarness first = new EngineHarness(store, clock, config)) {
            first.run("set a 0 0 1\r\na\r\nflush_all\r\nset b 0 0 1\r\nb\r\n");
            String reply = first.run("gets b\r\n");
            before = Long.parseLong(reply.substring(reply.lastIndexOf(' ') + 1, reply.indexOf("\r\n")));
        }
        clock.set(EngineHarness.START - 3_600_000); // even with the clock set back an hour
        // MemoryStore.close() keeps the map: the same store stands for the reopened one.
        try (EngineHarness second = new EngineHarness(store, clock, config)) {
            assertThat(second.run("get a b\r\n")).isEqualTo("VALUE b 0 1\r\nb\r\nEND\r\n");
            second.run("set c 0 0 1\r\nc\r\n");
            String reply = second.run("gets c\r\n");
            long after = Long.parseLong(reply.substring(reply.lastIndexOf(' ') + 1, reply.indexOf("\r\n")));
            assertThat(after).isGreaterThan(before);
        }
    }
}
