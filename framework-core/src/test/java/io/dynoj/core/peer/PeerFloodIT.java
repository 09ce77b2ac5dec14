package io.dynoj.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.Gauge;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.fake.LineProtocol;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.dynoj.core.fake.MapDatastoreProvider;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One raw peer floods a node whose datastore stalls with requests and never reads an answer: the node
 * stops reading from it at {@code peer_max_in_flight}, so what the flood ties up in the node stays at the
 * bound however long the flood goes on, and TCP pushes back on the sender.
 */
class PeerFloodIT {

    private static final int BOUND = 64;

    private LineProtocol lineProtocol;

    @BeforeEach
    void setUp() {
        lineProtocol = LineProtocol.install();
    }

    @AfterEach
    void tearDown() {
        lineProtocol.close();
    }

    private static byte[] bytes(ByteBuf frame) {
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    @Test
    void aFloodOfRequestsFromOnePeerIsHeldAtTheBoundWhileTheDatastoreStalls() throws Exception {
        try (NodeFixture node = NodeFixture.builder(LineProtocolAdapter.NAME, Backend.store(MapDatastoreProvider.TYPE))
                .configure(c -> c.dynListen(new HostPort("127.0.0.1", 0)).clusterName("flood").peerMaxInFlight(BOUND))
                .start();
             Socket peer = new Socket("127.0.0.1", node.node().peerAddress().getPort())) {
            OutputStream out = peer.getOutputStream();
            out.write(bytes(PeerFrames.hello(0, "flood", "flooder", 1)));
            out.flush();
            DataInputStream in = new DataInputStream(peer.getInputStream());
            byte[] header = new byte[PeerMessage.HEADER_LENGTH];
            in.readFully(header);
            assertThat(header[2]).isEqualTo(PeerMessage.HELLO_OK);

            @SuppressWarnings("unchecked")
            Gauge<Integer> inFlight =
                    (Gauge<Integer>) node.node().metrics().getGauges().get(PeerServerMetrics.IN_FLIGHT);
            AtomicLong sent = new AtomicLong();
            byte[] request = bytes(PeerFrames.request(0, "GET flooded\n"));
            AutoCloseable stall = MapDatastoreProvider.hold();
            Thread flood = new Thread(() -> {
                try {
                    // Requests in batches of 256 (ids do not matter to the server), until the socket is closed.
                    byte[] batch = new byte[request.length * 256];
                    for (int i = 0; i < 256; i++) {
                        System.arraycopy(request, 0, batch, i * request.length, request.length);
                    }
                    while (true) {
                        out.write(batch);
                        sent.addAndGet(256);
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "peer-flood");
            flood.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.getValue() == BOUND);
                await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() >= 50L * BOUND);
                // The flood goes on (or is pushed back by TCP), the node's count does not move past the bound.
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                        .until(() -> inFlight.getValue() == BOUND);
                assertThat(sent.get()).isGreaterThan(50L * BOUND);
                assertThat(node.node().metrics().counter("peer_server.paused").getCount()).isPositive();
            } finally {
                stall.close();
                peer.close();
                flood.join(10_000);
            }
            assertThat(flood.isAlive()).isFalse();
        }
    }
}
