package io.dynoj.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code dns_provider} against a real (tiny) DNS server on a loopback UDP port answering TXT queries. */
class DnsSourceIT {

    private final AtomicReference<String> record = new AtomicReference<>();
    private DatagramSocket socket;
    private Thread server;

    @BeforeEach
    void startDns() throws Exception {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        server = new Thread(this::serve, "test-dns");
        server.setDaemon(true);
        server.start();
    }

    @AfterEach
    void stopDns() {
        socket.close();
    }

    @Test
    void theSeedListOfATxtRecordIsPublishedAndEachChangeGetsAHigherVersion() throws Exception {
        record.set("127.0.0.1:8101:r1:dc1:0|127.0.0.1:8102:r1:dc1:2147483648");
        NodeConfig config = NodeConfig.builder().dynListen(new HostPort("127.0.0.1", 8101)).datacenter("dc1")
                .rack("r1").tokens(List.of(0L)).dynSeedProvider("dns_provider")
                .section("dns_provider", new ObjectMapper().createObjectNode().put("name", "_dynomite.test")
                        .put("server", "127.0.0.1:" + socket.getLocalPort()).put("interval", 100))
                .build();
        TopologySourceProvider provider = new DnsTopologySource.Provider();
        provider.validate(config);
        List<Topology> published = new CopyOnWriteArrayList<>();
        try (TopologySource source = provider.create(new TopologySourceContext(config, StaticTopology.self(config),
                new MetricRegistry()))) {
            source.start(published::add).get(10, TimeUnit.SECONDS);
            assertThat(source.describe()).isEqualTo("dns_provider TXT _dynomite.test at 127.0.0.1:" + socket.getLocalPort());
            assertThat(published).hasSize(1);
            assertThat(published.get(0).nodes()).hasSize(2);

            record.set("127.0.0.1:8101:r1:dc1:0|127.0.0.1:8102:r1:dc1:2147483648|127.0.0.1:8103:r2:dc1:0");
            await().atMost(Duration.ofSeconds(10)).until(() -> published.size() == 2);
            assertThat(published.get(1).version()).isGreaterThan(published.get(0).version());
            assertThat(published.get(1).localDcRacks()).hasSize(2);
        }
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                byte[] answer = answer(ByteBuffer.wrap(query.getData(), 0, query.getLength()), record.get());
                socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
            } catch (SocketException closed) {
                return;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One TXT answer to the query's one question, whatever its name. */
    private static byte[] answer(ByteBuffer query, String txt) {
        short id = query.getShort(0);
        int end = 12;
        while (query.get(end) != 0) {
            end += (query.get(end) & 0xFF) + 1;
        }
        int questionEnd = end + 1 + 4; // the root label, QTYPE, QCLASS
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(12).putShort(id).putShort((short) 0x8180).putShort((short) 1)
                .putShort((short) 1).putShort((short) 0).putShort((short) 0);
        out.writeBytes(header.array());
        out.write(query.array(), 12, questionEnd - 12);
        byte[] text = txt.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream rdata = new ByteArrayOutputStream();
        for (int at = 0; at < text.length; at += 255) {
            int n = Math.min(255, text.length - at);
            rdata.write(n);
            rdata.write(text, at, n);
        }
        ByteBuffer rr = ByteBuffer.allocate(12).putShort((short) 0xC00C).putShort((short) 16).putShort((short) 1)
                .putInt(0).putShort((short) rdata.size());
        out.writeBytes(rr.array());
        out.writeBytes(rdata.toByteArray());
        return out.toByteArray();
    }
}
