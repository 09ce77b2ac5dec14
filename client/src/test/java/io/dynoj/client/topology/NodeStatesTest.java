package io.dynoj.client.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.state.ServingState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class NodeStatesTest {

    @Test
    void readsDynomitesTextForm() {
        assertThat(NodeStates.parse("State: WRITES_ONLY\n")).isEqualTo(ServingState.WRITES_ONLY);
        assertThat(NodeStates.parse("State: NORMAL")).isEqualTo(ServingState.NORMAL);
        assertThatThrownBy(() -> NodeStates.parse("pong")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNodeThatDoesNotAnswerCountsAsNormal() {
        // Port 1 on loopback: refused at once.
        HostAndPort nobody = new HostAndPort("127.0.0.1", 1);
        Map<HostAndPort, ServingState> states = new NodeStates(new AdminHttp(Duration.ofSeconds(1)), 2000).read(List.of(nobody));
        assertThat(states).containsEntry(nobody, ServingState.NORMAL);
    }
}
