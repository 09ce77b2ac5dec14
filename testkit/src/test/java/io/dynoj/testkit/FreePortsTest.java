package io.dynoj.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsAreFreeAndNeverHandedOutTwice() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.next();
            assertTrue(seen.add(port), "port " + port + " handed out twice");
            assertTrue(FreePorts.isFree(port), "port " + port + " is not free");
        }
    }

    @Test
    void portsAreBelowTheEphemeralRangeSoNoOutgoingConnectionTakesOneFirst() throws IOException {
        String range = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0);
        int ephemeralLow = Integer.parseInt(range.trim().split("\\s+")[0]);
        for (int i = 0; i < 20; i++) {
            int port = FreePorts.next();
            assertTrue(port >= 10_000 && port < ephemeralLow, "port " + port + " not in [10000, " + ephemeralLow + ")");
        }
    }

    @Test
    void aListeningPortIsNotFree() throws IOException {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertFalse(FreePorts.isFree(listener.getLocalPort()));
        }
    }
}
