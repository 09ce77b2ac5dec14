package io.dynoj.memcached.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.core.state.ServingState;
import io.dynoj.testkit.RawSocket;
import org.junit.jupiter.api.Test;

/** Memcached clients of a node whose state refuses them get memcached's SERVER_ERROR, and the connection stays usable. */
class MemcachedNodeStateIT {

    @Test
    void standbyAndWritesOnlyAnswerServerErrors() throws Exception {
        try (NodeFixture fixture = NodeFixture.start("memcached", Backend.memcachedServer());
             RawSocket raw = new RawSocket(fixture.port())) {
            assertThat(raw.call("set k 0 0 1\r\na\r\n")).isEqualTo("STORED");

            fixture.node().servingState(ServingState.STANDBY);
            assertThat(raw.call("get k\r\n"))
                    .isEqualTo("SERVER_ERROR the node is in state STANDBY and serves no reads or writes");
            assertThat(raw.call("set k 0 0 1\r\nb\r\n")).startsWith("SERVER_ERROR the node is in state STANDBY");
            assertThat(raw.call("version\r\n")).as("the node's own answers still work").startsWith("VERSION");

            fixture.node().servingState(ServingState.WRITES_ONLY);
            assertThat(raw.call("set k 0 0 1\r\nc\r\n")).isEqualTo("STORED");
            assertThat(raw.call("get k\r\n"))
                    .isEqualTo("SERVER_ERROR the node is in state WRITES_ONLY and serves writes only");

            fixture.node().servingState(ServingState.NORMAL);
            assertThat(raw.call("get k\r\n")).isEqualTo("VALUE k 0 1");
            assertThat(raw.call("")).isEqualTo("c");
            assertThat(raw.call("")).isEqualTo("END");
        }
    }
}
