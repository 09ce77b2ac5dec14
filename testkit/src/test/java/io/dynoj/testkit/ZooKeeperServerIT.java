package io.dynoj.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

class ZooKeeperServerIT {

    /** Long enough that the session outlives the crash and the JVM restart, on a busy machine. */
    private static final int SESSION_TIMEOUT_MS = 30_000;

    @Test
    void answersFourLetterWordsAndKeepsASessionAndItsEphemeralAcrossAKill9() throws Exception {
        Path dataDir;
        try (ZooKeeperServer zk = ZooKeeperServer.start()) {
            dataDir = zk.dataDir();
            int port = zk.port();
            assertEquals("127.0.0.1:" + port, zk.connectString());
            assertEquals("imok", zk.fourLetterWord("ruok"));
            String srvr = zk.fourLetterWord("srvr");
            assertTrue(srvr.contains("Mode: standalone"), srvr);

            BlockingQueue<KeeperState> states = new LinkedBlockingQueue<>();
            ZooKeeper client = new ZooKeeper(zk.connectString(), SESSION_TIMEOUT_MS, e -> states.add(e.getState()));
            try {
                assertEquals(KeeperState.SyncConnected, states.poll(30, TimeUnit.SECONDS));
                long session = client.getSessionId();
                client.create("/dynoj", "cluster".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
                client.create("/dynoj/member", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

                zk.crash();
                assertFalse(zk.isRunning());
                assertTrue(FreePorts.isFree(port), "nothing listens after a kill -9");
                assertThrows(UncheckedIOException.class, () -> zk.fourLetterWord("ruok"));
                assertEquals(KeeperState.Disconnected, states.poll(30, TimeUnit.SECONDS));

                zk.restart();
                assertEquals(port, zk.port());
                // The same session, not a new one: the server reloaded it from its data directory.
                assertEquals(KeeperState.SyncConnected, states.poll(30, TimeUnit.SECONDS));
                assertEquals(session, client.getSessionId());
                assertArrayEquals("cluster".getBytes(StandardCharsets.UTF_8), client.getData("/dynoj", false, null));
                Stat member = client.exists("/dynoj/member", false);
                assertNotNull(member, "the ephemeral znode of a session that reconnected in time survives");
                assertEquals(session, member.getEphemeralOwner());
            } finally {
                client.close();
            }
            assertTrue(hasNoSuchNode(zk, "/dynoj/member"), "closing the session removes its ephemeral znode");
        }
        assertFalse(Files.exists(dataDir), "close() deletes the data directory");
    }

    @Test
    void aStoppedServerKeepsItsZnodesAndItsConfigAllowsShortSessions() throws Exception {
        try (ZooKeeperServer zk = ZooKeeperServer.start()) {
            String cfg = Files.readString(zk.configFile());
            assertTrue(cfg.contains("clientPort=" + zk.port() + "\n"), cfg);
            assertTrue(cfg.contains("minSessionTimeout=1000\n"), cfg);
            try (ZooKeeper client = connected(zk)) {
                client.create("/kept", new byte[] {1}, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            }
            zk.stop();
            assertFalse(zk.isRunning());
            zk.restart();
            try (ZooKeeper client = connected(zk)) {
                assertArrayEquals(new byte[] {1}, client.getData("/kept", false, null));
            }
        }
    }

    private static ZooKeeper connected(ZooKeeperServer zk) throws IOException, InterruptedException {
        BlockingQueue<KeeperState> states = new LinkedBlockingQueue<>();
        ZooKeeper client = new ZooKeeper(zk.connectString(), SESSION_TIMEOUT_MS, e -> states.add(e.getState()));
        if (states.poll(30, TimeUnit.SECONDS) != KeeperState.SyncConnected) {
            client.close();
            throw new IllegalStateException("no connection to " + zk.connectString());
        }
        return client;
    }

    private static boolean hasNoSuchNode(ZooKeeperServer zk, String path) throws Exception {
        try (ZooKeeper client = connected(zk)) {
            return client.exists(path, false) == null;
        } catch (KeeperException e) {
            throw new IllegalStateException(e);
        }
    }
}
