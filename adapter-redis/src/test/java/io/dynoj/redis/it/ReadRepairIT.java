package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Issue 14's read repair over three racks of one node on redis-server each: a value changed behind one
 * replica's back (on its redis-server directly) is fixed by a DC_QUORUM read, which answers the majority's value,
 * and the next DC_ONE read at that replica's rack returns it; with no majority the local rack's value wins and the
 * conflict is counted; replicas that hold the same set or hash in another internal order are not "repaired".
 */
class ReadRepairIT {

    private static ClusterFixture cluster;

    @BeforeAll
    static void start() {
        cluster = ClusterFixture.builder(Place.racks("dc1", 3, 1), "redis", Backend.redisServer())
                .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_ONE).start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Jedis client(int node, ConsistencyLevel read) {
        Jedis j = new Jedis("127.0.0.1", cluster.clientPort(node));
        assertThat(j.sendCommand(() -> "DYNOJ".getBytes(), "CONSISTENCY", "READ", read.name())).isNotNull();
        return j;
    }

    private static Jedis direct(int node) {
        return new Jedis(cluster.redis(node).host(), cluster.redis(node).port());
    }

    private static long counter(String name) {
        long total = 0;
        for (int i = 0; i < cluster.size(); i++) {
            total += cluster.node(i).metrics().counter("router." + name).getCount();
        }
        return total;
    }

    /** Writes through node 0 and waits until every replica holds the key. */
    private static void writeEverywhere(String key, Runnable write) {
        write.run();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (int i = 0; i < cluster.size(); i++) {
                try (Jedis d = direct(i)) {
                    if (!d.exists(key)) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    @Test
    void aStringChangedBehindOneReplicasBackIsFixedByAQuorumRead() {
        try (Jedis writer = client(0, ConsistencyLevel.DC_ONE)) {
            writeEverywhere("rr:string", () -> writer.set("rr:string", "right"));
        }
        try (Jedis d = direct(2)) {
            d.set("rr:string", "wrong");
            d.pexpire("rr:string", 600_000);
        }
        long before = counter("read_repairs");
        try (Jedis quorum = client(0, ConsistencyLevel.DC_QUORUM)) {
            assertThat(quorum.get("rr:string")).isEqualTo("right");
        }
        // Racks 1 and 2 made the quorum and agreed: rack 3's late answer is compared and fixed right after.
        await().atMost(Duration.ofSeconds(5)).until(() -> counter("read_repairs") - before == 1);
        try (Jedis one = client(2, ConsistencyLevel.DC_ONE); Jedis d = direct(2)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> "right".equals(one.get("rr:string")));
            assertThat(d.pttl("rr:string")).as("the winner's expiry (none) came along").isEqualTo(-1);
        }
    }

    @Test
    void aStaleLocalReplicaIsFixedByTheQuorumReadThroughIt() {
        try (Jedis writer = client(0, ConsistencyLevel.DC_ONE)) {
            writeEverywhere("rr:local", () -> writer.set("rr:local", "right"));
        }
        try (Jedis d = direct(1)) {
            d.set("rr:local", "stale");
        }
        // Read through node 1, whose own rack is the stale one: its reply and one other can never agree first.
        try (Jedis quorum = client(1, ConsistencyLevel.DC_QUORUM); Jedis one = client(1, ConsistencyLevel.DC_ONE)) {
            assertThat(quorum.get("rr:local")).isEqualTo("right");
            // Node 1's own (stale) reply comes first almost always, so the quorum disagrees and the answer waits
            // for the fix; should the two other racks answer first, the fix follows at once.
            await().atMost(Duration.ofSeconds(5)).until(() -> "right".equals(one.get("rr:local")));
        }
    }

    @Test
    void aKeyDeletedBehindAReplicasBackComesBackAndOneAddedIsDeleted() {
        try (Jedis writer = client(1, ConsistencyLevel.DC_ONE)) {
            writeEverywhere("rr:gone", () -> writer.rpush("rr:gone", "a", "b", "c"));
        }
        try (Jedis d = direct(0); Jedis d1 = direct(1)) {
            d.del("rr:gone");
            d1.set("rr:extra", "only here");
        }
        try (Jedis quorum = client(1, ConsistencyLevel.DC_QUORUM)) {
            assertThat(quorum.lrange("rr:gone", 0, -1)).containsExactly("a", "b", "c");
            assertThat(quorum.get("rr:extra")).as("2 racks of 3 have no such key").isNull();
        }
        // Racks 2 and 3 may make the quorum before rack 1 answers: rack 1 is then fixed as it answers.
        try (Jedis d = direct(0); Jedis d1 = direct(1)) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(d.lrange("rr:gone", 0, -1)).containsExactly("a", "b", "c");
                assertThat(d1.exists("rr:extra")).isFalse();
            });
        }
    }

    @Test
    void aSetOrHashInAnotherOrderIsTheSameAndAnExtraMemberIsRemoved() {
        try (Jedis writer = client(0, ConsistencyLevel.DC_ONE)) {
            writeEverywhere("rr:hash", () -> writer.hset("rr:hash", Map.of("a", "1", "b", "2", "c", "3")));
            writeEverywhere("rr:set", () -> writer.sadd("rr:set", "x", "y", "z"));
        }
        try (Jedis d = direct(2)) {
            // The same hash, built in another order: same fields, values.
            d.del("rr:hash");
            d.hset("rr:hash", "c", "3");
            d.hset("rr:hash", "a", "1");
            d.hset("rr:hash", "b", "2");
        }
        try (Jedis d = direct(1)) {
            d.sadd("rr:set", "intruder");
        }
        long before = counter("read_repairs");
        try (Jedis quorum = client(2, ConsistencyLevel.DC_QUORUM)) {
            assertThat(quorum.hgetAll("rr:hash")).isEqualTo(Map.of("a", "1", "b", "2", "c", "3"));
            assertThat(counter("read_repairs")).as("no repair for the same hash").isEqualTo(before);
            assertThat(quorum.smembers("rr:set")).isEqualTo(Set.of("x", "y", "z"));
        }
        // Racks 3 and 1 made the quorum; rack 2's late answer is fixed right after.
        try (Jedis d = direct(1)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> d.smembers("rr:set").equals(Set.of("x", "y", "z")));
        }
        assertThat(counter("read_repairs") - before).isEqualTo(1);
    }

    @Test
    void withNoMajorityTheLocalRacksValueWinsAndTheConflictIsCounted() {
        try (Jedis writer = client(0, ConsistencyLevel.DC_ONE)) {
            writeEverywhere("rr:split", () -> writer.set("rr:split", "zero"));
        }
        try (Jedis d1 = direct(1); Jedis d2 = direct(2)) {
            d1.set("rr:split", "one");
            d2.set("rr:split", "two");
        }
        long conflicts = counter("read_repair_conflicts");
        try (Jedis quorum = client(1, ConsistencyLevel.DC_QUORUM)) {
            assertThat(quorum.get("rr:split")).isEqualTo("one");
        }
        assertThat(counter("read_repair_conflicts") - conflicts).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            try (Jedis d = direct(i)) {
                assertThat(d.get("rr:split")).as("rack %d", i + 1).isEqualTo("one");
            }
        }
    }

    @Test
    void identicalReplicasAreNotRepaired() {
        try (Jedis writer = client(0, ConsistencyLevel.DC_ONE)) {
            for (int i = 0; i < 50; i++) {
                int n = i;
                writeEverywhere("rr:same:" + i, () -> writer.set("rr:same:" + n, "v" + n));
            }
        }
        long before = counter("read_repairs");
        try (Jedis quorum = client(0, ConsistencyLevel.DC_QUORUM)) {
            for (int i = 0; i < 50; i++) {
                assertThat(quorum.get("rr:same:" + i)).isEqualTo("v" + i);
                assertThat(quorum.ttl("rr:same:" + i)).isEqualTo(-1);
            }
            assertThat(quorum.mget(List.of("rr:same:1", "rr:same:2").toArray(String[]::new))).hasSize(2);
        }
        assertThat(counter("read_repairs")).isEqualTo(before);
    }
}
