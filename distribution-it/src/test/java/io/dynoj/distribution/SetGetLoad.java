package io.dynoj.distribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;

/**
 * One client thread per node, each a loop of SET then GET of 500 keys of its own through its node (Jedis,
 * one connection), until {@link #close()}. Every exception and every GET that does not return the value just
 * set is an error; successful requests are counted per node. Thread-safe.
 */
final class SetGetLoad implements AutoCloseable {

    private final Map<ZooKeeperNodes.Node, AtomicLong> requests = new LinkedHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final ExecutorService threads;
    private final List<Future<?>> loops = new ArrayList<>();
    private volatile boolean running = true;

    SetGetLoad(List<ZooKeeperNodes.Node> nodes) {
        threads = Executors.newFixedThreadPool(nodes.size());
        for (ZooKeeperNodes.Node n : nodes) {
            AtomicLong count = new AtomicLong();
            requests.put(n, count);
            loops.add(threads.submit(() -> loop(n, count)));
        }
    }

    private void loop(ZooKeeperNodes.Node n, AtomicLong count) {
        try (Jedis jedis = new Jedis("127.0.0.1", n.client())) {
            for (long i = 0; running; i++) {
                String key = "load-" + n.client() + "-" + (i % 500);
                try {
                    jedis.set(key, "v" + i);
                    String got = jedis.get(key);
                    if (!("v" + i).equals(got)) {
                        errors.add("GET " + key + " through " + n.id() + " answered " + got + ", not v" + i);
                    }
                    count.addAndGet(2);
                } catch (RuntimeException e) {
                    errors.add(n.id() + ": " + e);
                }
            }
        }
    }

    /** The successful requests through each node so far. */
    Map<ZooKeeperNodes.Node, Long> requests() {
        Map<ZooKeeperNodes.Node, Long> now = new LinkedHashMap<>();
        requests.forEach((n, count) -> now.put(n, count.get()));
        return now;
    }

    /** The successful requests through every node so far. */
    long total() {
        return requests.values().stream().mapToLong(AtomicLong::get).sum();
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    /** Stops every loop and waits for it to end. */
    @Override
    public void close() throws Exception {
        running = false;
        for (Future<?> loop : loops) {
            loop.get(30, TimeUnit.SECONDS);
        }
        threads.shutdown();
    }
}
