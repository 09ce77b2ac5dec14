package io.dynoj.client.topology;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.HostAndPort;

/**
 * The cluster as one node's {@code /cluster_describe} tells it: how keys are hashed and every node
 * with its place, peer address and tokens. Immutable.
 *
 * @param source  the admin address that answered (for a ZooKeeper supplier: the first ZooKeeper server)
 * @param version the topology version the node reported
 * @param hash    Dynomite's name of the hash function ({@code murmur}...)
 * @param hashTag two characters such as {@code "{}"}, or {@code null} for none
 * @param servers every node, the answering one marked {@link Server#local()}
 */
public record DescribedCluster(HostAndPort source, long version, String hash, String hashTag, List<Server> servers) {

    public DescribedCluster {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(hash, "hash");
        servers = List.copyOf(servers);
    }

    /**
     * One node as described.
     *
     * @param dc         its datacenter
     * @param rack       its rack
     * @param host       the host of its peer address ({@code dyn_listen})
     * @param peerPort   its peer port
     * @param tokens     its tokens
     * @param local      whether it is the node that answered
     * @param clientHost where it listens for clients, when the answering node knows it (only for itself), else null
     * @param clientPort the client port, 0 when unknown
     * @param adminPort  its admin port ({@code stats_listen}), 0 when unknown (a seed does not say it; ZooKeeper does)
     * @param serving    false when the node owns its tokens but serves no clients: it left the cluster (its
     *                   ZooKeeper session ended) or has not started serving yet. The client then has no address
     *                   for it and sends its keys to other racks. Only a ZooKeeper supplier says false.
     */
    public record Server(String dc, String rack, String host, int peerPort, List<Long> tokens, boolean local,
                         String clientHost, int clientPort, int adminPort, boolean serving) {

        public Server {
            tokens = List.copyOf(tokens);
        }

        /** A serving node whose admin port is not known (as a seed describes it). */
        public Server(String dc, String rack, String host, int peerPort, List<Long> tokens, boolean local,
                      String clientHost, int clientPort) {
            this(dc, rack, host, peerPort, tokens, local, clientHost, clientPort, 0, true);
        }

        /** {@code host:peerPort}: how the cluster itself names the node. */
        public String peerAddress() {
            return host + ":" + peerPort;
        }
    }

    /** The node that answered, when it marked itself. */
    public Optional<Server> answering() {
        return servers.stream().filter(Server::local).findFirst();
    }
}
