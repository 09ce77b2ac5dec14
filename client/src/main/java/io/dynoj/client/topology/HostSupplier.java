package io.dynoj.client.topology;

import java.util.Map;
import redis.clients.jedis.HostAndPort;

/**
 * Where a described node's client and admin ports are. A node knows its peers only by their peer
 * addresses ({@code dyn_seeds}), so {@code /cluster_describe} gives the client address of the answering
 * node only. The default, {@link #convention()}, follows Dynomite's and Dyno's convention: every node
 * listens on the same client and admin ports as the seed that answered, on its own peer host.
 *
 * <p>Threading: called on the refresh thread; must be thread-safe if shared between clients.
 */
@FunctionalInterface
public interface HostSupplier {

    /**
     * @param server    the node as described
     * @param described the whole description (its {@code source} is the admin address that answered)
     * @return the node's addresses
     */
    NodeAddresses addresses(DescribedCluster.Server server, DescribedCluster described);

    /** A node's client address and admin address ({@code null} when unknown: its state is then not read). */
    record NodeAddresses(HostAndPort client, HostAndPort admin) {
    }

    /**
     * The node's own client address when described, else its peer host with the answering node's client
     * port; its admin port when described (ZooKeeper has it), else the answering seed's admin port on its
     * peer host.
     */
    static HostSupplier convention() {
        return (server, described) -> {
            int clientPort = server.clientPort() > 0 ? server.clientPort()
                    : described.answering().map(DescribedCluster.Server::clientPort).filter(p -> p > 0).orElse(8102);
            String clientHost = server.clientHost() == null || isWildcard(server.clientHost())
                    ? server.host() : server.clientHost();
            int adminPort = server.adminPort() > 0 ? server.adminPort() : described.source().getPort();
            return new NodeAddresses(new HostAndPort(clientHost, clientPort), new HostAndPort(server.host(), adminPort));
        };
    }

    /**
     * Explicit addresses, by peer address ({@code host:peerPort} as in {@code dyn_seeds}); nodes not in the
     * map follow the {@link #convention()}.
     */
    static HostSupplier of(Map<String, NodeAddresses> byPeerAddress) {
        Map<String, NodeAddresses> copy = Map.copyOf(byPeerAddress);
        HostSupplier fallback = convention();
        return (server, described) -> {
            NodeAddresses given = copy.get(server.peerAddress());
            return given != null ? given : fallback.addresses(server, described);
        };
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }
}
