package io.dynoj.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.testkit.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalZooKeeperIT {

    @TempDir
    Path dir;

    @Test
    void servesOnItsPortWithItsDataInTheClusterDirectoryUntilClosed() throws IOException {
        int port = FreePorts.next();
        try (LocalZooKeeper zk = LocalZooKeeper.start("127.0.0.1", port, dir.resolve("zookeeper"))) {
            assertThat(zk.connectString()).isEqualTo("127.0.0.1:" + port);
            assertThat(fourLetterWord(port, "ruok")).isEqualTo("imok");
            assertThat(fourLetterWord(port, "srvr")).contains("Mode: standalone");
            assertThat(dir.resolve("zookeeper/data")).isDirectory();
        }
        assertThat(FreePorts.isFree(port)).as("closed: nothing listens on " + port).isTrue();
    }

    @Test
    void aTakenPortIsRefusedWithItsAddress() throws IOException {
        int port = FreePorts.next();
        try (LocalZooKeeper first = LocalZooKeeper.start("127.0.0.1", port, dir.resolve("a"))) {
            assertThatThrownBy(() -> LocalZooKeeper.start("127.0.0.1", port, dir.resolve("b")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot start the embedded ZooKeeper server on 127.0.0.1:" + port + ": the port is in use");
            assertThat(fourLetterWord(port, "ruok")).as("the first one is unharmed").isEqualTo("imok");
        }
    }

    private static String fourLetterWord(int port, String word) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
