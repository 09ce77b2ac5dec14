package io.dynoj.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.fake.LineProtocol;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.dynoj.core.fake.MapDatastoreProvider;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code peer_max_frame_bytes} over real sockets: a peer frame announcing more is refused by closing that peer
 * connection, before its payload is read; a frame at the limit is served, and so are the node's other peer
 * connections and its clients.
 */
class PeerFrameLimitIT {

    private static final int LIMIT = 4096;

    private LineProtocol lineProtocol;

    @BeforeEach
    void setUp() {
        lineProtocol = LineProtocol.install();
    }

    @AfterEach
    void tearDown() {
        lineProtocol.close();
    }

    @Test
    void aFrameOverTheLimitClosesItsConnectionOnly() throws Exception {
        try (NodeFixture node = NodeFixture.builder(LineProtocolAdapter.NAME, Backend.store(MapDatastoreProvider.TYPE))
                .configure(c -> c.dynListen(new HostPort("127.0.0.1", 0)).clusterName("limits")
                        .requestLimits(l -> l.withPeerMaxFrameBytes(LIMIT)))
                .start();
             Socket bad = helloed(node, "bad");
             Socket good = helloed(node, "good")) {
            ByteBuf header = Unpooled.buffer();
            PeerMessage.writeHeader(header, PeerMessage.REQUEST, PeerMessage.MODE_LOCAL, (byte) 1, (byte) 0, (byte) 0,
                    7, LIMIT + 1);
            bad.getOutputStream().write(ByteBufUtil.getBytes(header));
            header.release();
            bad.getOutputStream().flush();
            bad.setSoTimeout(10_000);
            assertThat(readToEnd(bad.getInputStream())).as("closed without an answer").isZero();

            // A request padded to exactly the limit is served on the other connection.
            String line = "SET k v\n";
            String padded = line + " ".repeat(LIMIT - line.length());
            good.getOutputStream().write(bytes(PeerFrames.request(8, padded)));
            good.getOutputStream().flush();
            DataInputStream in = new DataInputStream(good.getInputStream());
            byte[] answer = new byte[PeerMessage.HEADER_LENGTH];
            in.readFully(answer);
            assertThat(answer[2]).as("an answer frame").isIn(PeerMessage.REPLY, PeerMessage.ERROR);
        }
    }

    private static Socket helloed(NodeFixture node, String name) throws IOException {
        Socket peer = new Socket("127.0.0.1", node.node().peerAddress().getPort());
        peer.setSoTimeout(10_000);
        peer.getOutputStream().write(bytes(PeerFrames.hello(0, "limits", name, 1)));
        peer.getOutputStream().flush();
        byte[] header = new byte[PeerMessage.HEADER_LENGTH];
        DataInputStream in = new DataInputStream(peer.getInputStream());
        in.readFully(header);
        assertThat(header[2]).isEqualTo(PeerMessage.HELLO_OK);
        in.skipNBytes(Unpooled.wrappedBuffer(header).getUnsignedInt(16)); // the hello's own payload
        return peer;
    }

    /** Bytes read until the peer closes; fails on a timeout. */
    private static int readToEnd(InputStream in) throws IOException {
        int total = 0;
        try {
            for (int n; (n = in.read(new byte[1024])) >= 0; ) {
                total += n;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the node did not close the connection", e);
        } catch (java.net.SocketException reset) {
            // closed with our unread bytes in its buffer
        }
        return total;
    }

    private static byte[] bytes(ByteBuf frame) {
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }
}
