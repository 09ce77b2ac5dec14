package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.RawSocket;
import io.dynoj.testkit.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Pub/sub over a cluster of two datacenters (dc1: three racks of one node; dc2: one node), on redis-server and
 * on the embedded engine: a message published through any node reaches the subscribers of every node exactly
 * once, also after a node restarted; patterns; the subscribed mode's refusals, byte for byte as a redis-server.
 */
class ClusterPubSubIT {

    private static ClusterFixture cluster;
    private static RedisServer reference;

    @BeforeAll
    static void start() {
        List<Place> places = Stream.concat(Place.racks("dc1", 3, 1).stream(), Place.racks("dc2", 1, 1).stream())
                .toList();
        Backend redis = Backend.redisServer();
        Backend engine = Backend.store("memory");
        cluster = ClusterFixture.builder(places, "redis", List.of(redis, engine, engine, redis))
                .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_ONE).start();
        reference = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (reference != null) {
            reference.close();
        }
    }

    private static Jedis client(int node) {
        return new Jedis("127.0.0.1", cluster.clientPort(node), 10_000);
    }

    @Test
    void everyMessageReachesEverySubscriberOnceAlsoAfterANodeRestarted() throws Exception {
        int nodes = cluster.size();
        List<Subscription> first = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            first.add(Subscription.start(cluster.clientPort(i), "news"));
        }
        awaitSubscribers("news", IntStream.range(0, nodes).toArray());
        List<String> before = publishThroughEveryNode("news", "before-", 40, nodes);
        for (Subscription s : first) {
            await().atMost(Duration.ofSeconds(20)).until(() -> s.received.size() >= before.size());
            assertThat(s.received).as("node %d's subscriber", s.port).containsExactlyElementsOf(before);
        }

        cluster.restart(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> first.get(2).ended);
        Subscription again = Subscription.start(cluster.clientPort(2), "news");
        awaitSubscribers("news", 0, 1, 2, 3);
        List<String> after = publishThroughEveryNode("news", "after-", 40, nodes);

        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        for (int i : new int[] {0, 1, 3}) {
            Subscription s = first.get(i);
            await().atMost(Duration.ofSeconds(20)).until(() -> s.received.size() >= all.size());
            assertThat(s.received).as("node %d's subscriber, kept through the restart", i).containsExactlyElementsOf(all);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> again.received.size() >= after.size());
        assertThat(again.received).as("the restarted node's new subscriber").containsExactlyElementsOf(after);
        // Nothing more arrives: each message was delivered once.
        try (Jedis j = client(1)) {
            assertThat(j.publish("news", "last")).isEqualTo(nodes);
        }
        for (Subscription s : List.of(first.get(0), first.get(1), first.get(3), again)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> s.received.contains("last"));
            assertThat(s.received).hasSize((s == again ? after.size() : all.size()) + 1);
            s.close();
        }
    }

    /** Publishes {@code count} messages, node after node; each PUBLISH counts one subscriber per node. */
    private static List<String> publishThroughEveryNode(String channel, String prefix, int count, int subscribers) {
        List<String> sent = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            try (Jedis j = client(k % cluster.size())) {
                String message = prefix + k;
                assertThat(j.publish(channel, message)).as("receivers of %s", message).isEqualTo(subscribers);
                sent.add(message);
            }
        }
        return sent;
    }

    private static void awaitSubscribers(String channel, int... nodes) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (int node : nodes) {
                try (Jedis j = client(node)) {
                    assertThat(j.pubsubNumSub(channel)).as("node %d", node).containsEntry(channel, 1L);
                }
            }
        });
    }

    @Test
    void patternSubscribersGetPmessagesFromEveryNodeThroughLettuce() {
        RedisClient lettuce = RedisClient.create(RedisURI.create("127.0.0.1", cluster.clientPort(3)));
        try (StatefulRedisPubSubConnection<String, String> c = lettuce.connectPubSub()) {
            List<String> got = new CopyOnWriteArrayList<>();
            c.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    got.add("message " + channel + " " + message);
                }

                @Override
                public void message(String pattern, String channel, String message) {
                    got.add("pmessage " + pattern + " " + channel + " " + message);
                }
            });
            c.sync().psubscribe("sport.*");
            c.sync().subscribe("sport.tennis");
            try (Jedis j = client(0); Jedis there = client(3)) {
                assertThat(there.pubsubNumPat()).as("patterns of node 3").isEqualTo(1);
                assertThat(there.pubsubNumSub("sport.tennis")).containsEntry("sport.tennis", 1L);
                assertThat(j.pubsubNumSub("sport.tennis")).as("node 0 counts its own").containsEntry("sport.tennis", 0L);
                assertThat(j.publish("sport.tennis", "ace")).as("the channel and the pattern").isEqualTo(2);
                assertThat(j.publish("sport.golf", "birdie")).isEqualTo(1);
                assertThat(j.publish("weather", "rain")).isZero();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 3);
            assertThat(got).containsExactlyInAnyOrder("pmessage sport.* sport.tennis ace", "message sport.tennis ace",
                    "pmessage sport.* sport.golf birdie");
        } finally {
            lettuce.shutdown();
        }
    }

    @Test
    void theSubscribedModeAnswersAsRedisByteForByte() {
        String script = "SUBSCRIBE a b\r\nGET x\r\nCLIENT LIST\r\nPING\r\nPING hi\r\nUNSUBSCRIBE b\r\nPUNSUBSCRIBE\r\n"
                + "PSUBSCRIBE a*\r\nSUBSCRIBE a\r\nUNSUBSCRIBE zz\r\nPUNSUBSCRIBE\r\nUNSUBSCRIBE\r\nPING\r\nUNSUBSCRIBE\r\n"
                + "PUBSUB NUMSUB a b\r\nPUBSUB NUMPAT\r\nPUBSUB FOO\r\nPUBLISH a\r\nSUBSCRIBE\r\nSUBSCRIBE c\r\nRESET\r\n"
                + "GET x\r\n";
        int replies = 23;
        assertThat(transcript(cluster.clientPort(1), script, replies))
                .isEqualTo(transcript(reference.port(), script, replies));
    }

    private static List<String> transcript(int port, String script, int replies) {
        try (RawSocket s = new RawSocket(port)) {
            s.send(script);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < replies; i++) {
                out.add(s.readReply());
            }
            return out;
        }
    }

    /** A Jedis subscriber on its own thread, keeping every message it gets. */
    private static final class Subscription extends JedisPubSub {
        final int port;
        final List<String> received = new CopyOnWriteArrayList<>();
        volatile boolean ended;

        private Subscription(int port) {
            this.port = port;
        }

        static Subscription start(int port, String channel) {
            Subscription s = new Subscription(port);
            Thread t = new Thread(() -> {
                try (Jedis j = new Jedis("127.0.0.1", port, 0)) {
                    j.subscribe(s, channel);
                } catch (RuntimeException e) {
                    // The node closed the connection (restarted): the subscription ends.
                } finally {
                    s.ended = true;
                }
            }, "subscriber-" + port);
            t.setDaemon(true);
            t.start();
            return s;
        }

        @Override
        public void onMessage(String channel, String message) {
            received.add(message);
        }

        void close() {
            unsubscribe();
            await().atMost(Duration.ofSeconds(10)).until(() -> ended);
        }
    }
}
