package io.dynoj.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.client.routing.HealthTracker;
import io.dynoj.client.routing.Operation;
import io.dynoj.client.topology.Host;
import io.dynoj.core.state.ServingState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.exceptions.JedisDataException;

class HostOrderTest {

    private static Host host(String name, ServingState state) {
        return new Host("dc1", "r", new HostAndPort(name, 8102), null, state);
    }

    private final Host a = host("a", ServingState.NORMAL);
    private final Host b = host("b", ServingState.WRITES_ONLY);
    private final Host c = host("c", ServingState.STANDBY);
    private final Host d = host("d", ServingState.NORMAL);
    private final HealthTracker health = HealthTracker.errorRate(1, Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(1));

    @Test
    void readsSkipNodesInMaintenanceAndDownNodesUntilNothingElseIsLeft() {
        health.failure(a.client(), new IOException("refused"));
        Operation read = new Operation("GET", false, 1);
        assertThat(HostOrder.order(List.of(a, b, c, d), read, health)).containsExactly(d, a, b, c);
    }

    @Test
    void aNodeWithoutClientAddressComesAfterEvenRefusingAndDownNodes() {
        Host gone = Host.unreachable("dc1", "r", new HostAndPort("e", 8101));
        health.failure(a.client(), new IOException("refused"));
        Operation write = new Operation("SET", true, 1);
        assertThat(HostOrder.order(List.of(gone, c, a, d), write, health)).containsExactly(d, a, c, gone);
    }

    @Test
    void writesOnlyNodesTakeWritesAndStandbyNodesNothing() {
        Operation write = new Operation("SET", true, 1);
        assertThat(HostOrder.order(List.of(c, b, a), write, health)).containsExactly(b, a, c);
    }

    @Test
    void aNodeRefusingBecauseOfItsStateOrItsDatastoreIsAFailoverNotAnAnswer() {
        assertThat(HostOrder.refusedByNode(new JedisDataException("ERR the node is in state STANDBY and serves no reads or writes")))
                .isTrue();
        assertThat(HostOrder.refusedByNode(new JedisDataException("ERR datastore 127.0.0.1:6379 is not reachable"))).isTrue();
        assertThat(HostOrder.refusedByNode(new JedisDataException("WRONGTYPE Operation against a key holding the wrong kind of value")))
                .isFalse();
    }
}
