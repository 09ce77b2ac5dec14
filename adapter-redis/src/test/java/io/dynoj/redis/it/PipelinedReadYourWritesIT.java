package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.hash.KeyHasher;
import io.dynoj.core.node.DynojNode;
import io.dynoj.core.topology.Topology;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * A client that pipelines a read behind its own write reads that write, as from a single Redis, even
 * though the write goes to its key's primary in another rack and the read to the entry node's own rack
 * (the connection's WriteFence holds the read until the write is answered). Without the fence
 * ({@code -Ddynoj.write_fence=false}) most GETs here return the previous value.
 */
class PipelinedReadYourWritesIT {

    private static final int PAIRS = 6000;
    private static final int PER_SYNC = 500;

    private static final String HELD = "client.requests.held";

    /** Keys whose primary is another rack's node than {@code entry}'s, found as the router finds it. */
    private static List<String> keysWithPrimaryElsewhere(DynojNode entry, int count) {
        Topology t = entry.topology();
        KeyHasher hasher = KeyHasher.of(entry.config().hash(), entry.config().hashTag());
        List<String> keys = new ArrayList<>();
        for (int i = 0; keys.size() < count; i++) {
            String key = "fence:" + i;
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            long hash = hasher.token(bytes, 0, bytes.length);
            if (Topology.primaryRack(t.localDcRacks(), hash) != t.localRackIndex()) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** At DC_QUORUM too: a quorum write is answered once the writer's rack has it as well. */
    @ParameterizedTest
    @EnumSource(value = ConsistencyLevel.class, names = {"DC_ONE", "DC_QUORUM"})
    void everyReadPipelinedBehindAWriteReadsThatWrite(ConsistencyLevel writes) {
        try (ClusterFixture cluster = ClusterFixture.builder(Place.racks("dc1", 3, 1), "redis", Backend.redisServer())
                .consistency(ConsistencyLevel.DC_ONE, writes).start();
             Jedis client = new Jedis("127.0.0.1", cluster.clientPort(1), 10_000)) {
            List<String> keys = keysWithPrimaryElsewhere(cluster.node(1), 8);
            List<String> stale = pipelineWritesAndReads(client, keys);
            assertThat(stale).as("%d of %d reads missed the write pipelined just before them", stale.size(), PAIRS)
                    .isEmpty();
            assertThat(cluster.node(1).metrics().counter(HELD).getCount())
                    .as("the entry node held reads behind their writes").isPositive();
        }
    }

    /** SET key vN, then GET key (every fourth an MGET ending with key), PAIRS times; the reads that missed vN. */
    private static List<String> pipelineWritesAndReads(Jedis client, List<String> keys) {
        List<String> stale = new ArrayList<>();
        for (int from = 0; from < PAIRS; from += PER_SYNC) {
            Pipeline p = client.pipelined();
            List<Response<String>> sets = new ArrayList<>();
            List<Response<?>> reads = new ArrayList<>();
            for (int n = from; n < from + PER_SYNC; n++) {
                String key = keys.get(n % keys.size());
                sets.add(p.set(key, "v" + n));
                // Every fourth read is an MGET whose last key is the one just written: each key is checked.
                reads.add(n % 4 == 3 ? p.mget(keys.get((n + 1) % keys.size()), key) : p.get(key));
            }
            p.sync();
            for (int i = 0; i < PER_SYNC; i++) {
                int n = from + i;
                assertThat(sets.get(i).get()).isEqualTo("OK");
                Object read = reads.get(i).get();
                String got = read instanceof List<?> values ? (String) values.get(1) : (String) read;
                if (!("v" + n).equals(got)) {
                    stale.add(keys.get(n % keys.size()) + ": v" + n + " written, " + got + " read");
                }
            }
        }
        return stale;
    }

    @Test
    void inOneRackReadsFollowWritesWithoutBeingHeld() {
        try (ClusterFixture oneRack = ClusterFixture.builder(Place.racks("dc1", 1, 2), "redis", Backend.redisServer())
                .start();
             Jedis client = new Jedis("127.0.0.1", oneRack.clientPort(0), 10_000)) {
            List<String> keys = List.of("a", "b", "c", "d", "e", "f", "g", "h");
            assertThat(pipelineWritesAndReads(client, keys)).as("reads that missed the write before them").isEmpty();
            assertThat(oneRack.node(0).metrics().counter(HELD).getCount())
                    .as("one rack: writes and reads take one path, no connection has a fence").isZero();
        }
    }
}
