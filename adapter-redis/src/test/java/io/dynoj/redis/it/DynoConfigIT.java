package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Netflix Dyno's connection consistency, sent as Dyno's JedisConnectionFactory sends it when a
 * connection opens ({@code sendCommand(DYNO_CONFIG:CONN_CONSISTENCY, level)}, then a status reply):
 * the node answers OK and that connection's reads and writes use the level; others keep the node's.
 */
class DynoConfigIT {

    private static final ProtocolCommand CONN_CONSISTENCY = () -> SafeEncoder.encode("DYNO_CONFIG:CONN_CONSISTENCY");

    private static NodeFixture fixture;

    @BeforeAll
    static void start() {
        fixture = NodeFixture.builder("redis", Backend.redisServer())
                .configure(c -> c.readConsistency(ConsistencyLevel.DC_ONE).writeConsistency(ConsistencyLevel.DC_ONE))
                .start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aDynoConnectionGetsItsConsistencyAndOthersKeepTheNodes() {
        try (Jedis dyno = new Jedis("127.0.0.1", fixture.port()); Jedis other = new Jedis("127.0.0.1", fixture.port())) {
            assertThat(dyno.sendCommand(CONN_CONSISTENCY, "DC_QUORUM")).as("the raw status reply")
                    .isEqualTo(SafeEncoder.encode("OK"));
            assertThat(levels(dyno)).containsExactly("read", "DC_QUORUM", "write", "DC_QUORUM");
            assertThat(levels(other)).containsExactly("read", "DC_ONE", "write", "DC_ONE");
            assertThat(dyno.set("k", "v")).isEqualTo("OK");
            assertThat(dyno.get("k")).isEqualTo("v");

            assertThatThrownBy(() -> dyno.sendCommand(CONN_CONSISTENCY, "DC_SOMETIMES"))
                    .hasMessageContaining("unknown consistency level 'DC_SOMETIMES'");
            assertThat(dyno.ping()).as("the connection stays open").isEqualTo("PONG");
            assertThat(levels(dyno)).containsExactly("read", "DC_QUORUM", "write", "DC_QUORUM");
        }
    }

    private static List<String> levels(Jedis jedis) {
        List<?> reply = (List<?>) jedis.sendCommand(() -> SafeEncoder.encode("DYNOJ"), "CONSISTENCY");
        return reply.stream().map(o -> SafeEncoder.encode((byte[]) o)).toList();
    }
}
