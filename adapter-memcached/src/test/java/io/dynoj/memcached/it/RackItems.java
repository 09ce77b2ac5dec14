package io.dynoj.memcached.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.node.DynojNode;
import io.dynoj.core.spi.RangeStore;
import io.dynoj.core.spi.TokenRange;
import io.dynoj.testkit.MemcachedServer;
import io.dynoj.testkit.RawSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Items written through a memcached cluster and read back from one rack's own memcached, around the node, for
 * the repair and warm-up tests: keys and expiries from the crawler's metadump, values and flags from {@code mg}.
 */
final class RackItems {

    /** One item as a memcached holds it; {@code exp} absolute Unix seconds, -1 for none. */
    record Item(long flags, String value, long exp) {
    }

    private RackItems() {
    }

    /**
     * Keys {@code <prefix><from>..<prefix><to-1>} (a prefix of letters, so metadump shows keys as they are), set
     * through the node on {@code port}, pipelined: a third with client flags, a quarter with a TTL of an hour;
     * answers once each is STORED.
     */
    static void write(int port, String prefix, int from, int to) {
        write(port, prefix, from, to, true);
    }

    /** As {@link #write(int, String, int, int)}, a quarter with a TTL only if {@code ttls}. */
    static void write(int port, String prefix, int from, int to, boolean ttls) {
        try (RawSocket node = new RawSocket(port)) {
            for (int start = from; start < to; start += 500) {
                int end = Math.min(to, start + 500);
                StringBuilder batch = new StringBuilder();
                for (int i = start; i < end; i++) {
                    String value = "value " + i + " of " + prefix;
                    batch.append("set ").append(prefix).append(i).append(' ').append(i % 3 == 0 ? 1000 + i : 0)
                            .append(' ').append(ttls && i % 4 == 0 ? 3600 : 0).append(' ').append(value.length()).append("\r\n")
                            .append(value).append("\r\n");
                }
                node.send(batch.toString());
                for (int i = start; i < end; i++) {
                    assertThat(node.readLine()).as("set %s%d", prefix, i).isEqualTo("STORED");
                }
            }
        }
    }

    /** Every item of {@code server}, read from it directly (once no other crawl keeps its crawler busy). */
    static Map<String, Item> of(MemcachedServer server) {
        AtomicReference<Map<String, Item>> items = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            items.set(read(server));
            return items.get() != null;
        });
        return items.get();
    }

    /** Every item of {@code server}, or null while its crawler is busy. */
    private static Map<String, Item> read(MemcachedServer server) {
        Map<String, Long> expiries = new TreeMap<>();
        try (RawSocket memcached = new RawSocket(server.host(), server.port())) {
            String line = memcached.call("lru_crawler metadump hash\r\n");
            if (line.startsWith("BUSY")) {
                return null;
            }
            for (; !line.equals("END"); line = memcached.readLine()) {
                assertThat(line).as("a metadump line of a key written by these tests (letters and digits only)")
                        .startsWith("key=").doesNotContain("%");
                String[] fields = line.split(" ");
                expiries.put(fields[0].substring(4), Long.parseLong(fields[1].substring(4)));
            }
            List<String> keys = new ArrayList<>(expiries.keySet());
            StringBuilder gets = new StringBuilder();
            keys.forEach(k -> gets.append("mg ").append(k).append(" v f\r\n"));
            memcached.send(gets.toString());
            Map<String, Item> items = new TreeMap<>();
            for (String key : keys) {
                String header = memcached.readLine();
                if (header.equals("EN")) {
                    continue; // expired or deleted since the metadump
                }
                String[] words = header.split(" ");
                assertThat(words[0]).as("mg %s", key).isEqualTo("VA");
                String value = memcached.read(Integer.parseInt(words[1]));
                memcached.read(2);
                items.put(key, new Item(Long.parseLong(words[2].substring(1)), value, expiries.get(key)));
            }
            return items;
        }
    }

    /** Equal values and flags, expiries within a second, or a failure naming a few keys that differ. */
    static void assertSame(Map<String, Item> actual, Map<String, Item> expected, String what) {
        List<String> differing = new ArrayList<>();
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            Item a = actual.get(k);
            Item e = expected.get(k);
            boolean same = a != null && e != null && a.flags() == e.flags() && a.value().equals(e.value())
                    && (a.exp() == e.exp() || a.exp() > 0 && e.exp() > 0 && Math.abs(a.exp() - e.exp()) <= 1);
            if (!same) {
                differing.add(k + ": " + a + " instead of " + e);
            }
        }
        assertThat(differing.size()).as("%s: keys that differ, first ones: %s", what,
                differing.subList(0, Math.min(10, differing.size()))).isZero();
    }

    /** A replica's keys and item digests, read through its datastore's range store. */
    static Map<String, Long> digests(DynojNode node) {
        Map<String, Long> out = new TreeMap<>();
        for (RangeStore.KeyDigest k : node.datastore().rangeStore().digests(TokenRange.all(), key -> 1)) {
            out.put(new String(k.key(), StandardCharsets.UTF_8), k.digest());
        }
        return out;
    }
}
