package io.dynoj.coordinator.zookeeper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/** Makes the Curator clients of the coordinator and its tools, alike. */
final class ZooKeeperClients {

    private ZooKeeperClients() {
    }

    /**
     * A client, not started. An operation that meets a lost connection is retried three times (within
     * about a second) and then fails: the callers retry with fresh data or wait for the reconnection.
     *
     * @param chroot the chroot without its leading slash, or {@code null}; Curator creates it if missing
     * @param auth {@code user:password} for digest auth (znodes then get the creator's ACL), or {@code null}
     */
    static CuratorFramework newClient(String servers, String chroot, int sessionTimeoutMs, int connectionTimeoutMs,
                                      String auth) {
        CuratorFrameworkFactory.Builder b = CuratorFrameworkFactory.builder()
                .connectString(servers)
                .sessionTimeoutMs(sessionTimeoutMs)
                .connectionTimeoutMs(connectionTimeoutMs)
                .retryPolicy(new ExponentialBackoffRetry(100, 3, 500));
        if (chroot != null) {
            b.namespace(chroot);
        }
        if (auth != null) {
            b.authorization("digest", auth.getBytes(StandardCharsets.UTF_8)).aclProvider(new CreatorOnly());
        }
        return b.build();
    }

    static CuratorFramework newClient(ZooKeeperSettings s) {
        return newClient(s.servers(), s.chroot(), s.sessionTimeoutMs(), s.connectionTimeoutMs(), s.auth());
    }

    /** Only the digest identity that made a znode may read or change it. */
    private static final class CreatorOnly implements ACLProvider {

        @Override
        public List<ACL> getDefaultAcl() {
            return ZooDefs.Ids.CREATOR_ALL_ACL;
        }

        @Override
        public List<ACL> getAclForPath(String path) {
            return ZooDefs.Ids.CREATOR_ALL_ACL;
        }
    }
}
