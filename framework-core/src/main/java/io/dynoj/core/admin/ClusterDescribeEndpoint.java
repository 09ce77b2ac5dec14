package io.dynoj.core.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynoj.core.hash.KeyHasher;
import io.dynoj.core.health.PeerState;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Rack;
import io.dynoj.core.topology.Topology;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * {@code /cluster_describe}: the topology as datacenters > racks > servers with their tokens, in the
 * spirit of Dynomite's answer. The local datacenter comes first, then the remote ones by name.
 *
 * <p>It also says what a token-aware client (the {@code client} module) needs to place keys as the
 * nodes do: {@code hash} (Dynomite's name of the function) and {@code hash_tag} (two characters, or
 * null), and, for the one server whose client address this node knows (itself: a node knows its peers
 * only by their peer addresses), {@code client_host} and {@code client_port}. Each server's {@code state}
 * (UP, SUSPECT, DOWN) and {@code phi} are this node's judgement of it.
 */
final class ClusterDescribeEndpoint implements AdminEndpoint {

    private final AdminContext context;

    ClusterDescribeEndpoint(AdminContext context) {
        this.context = context;
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        Topology t = context.topology(); // one snapshot for the whole answer
        NodeDescription self = context.description();
        ObjectNode json = AdminJson.object();
        json.put("version", t.version());
        json.put("source", context.topologySource());
        json.put("changed_at", context.topologyChangedAt().toString());
        KeyHasher hasher = self.hasher();
        json.put("hash", hasher.algorithm().dynomiteName());
        json.put("hash_tag", hasher.hashTag().map(Object::toString).orElse(null));
        ArrayNode dcs = json.putArray("dcs");
        addDc(dcs, t.local().dc(), t.localDcRacks(), self.listen(), context);
        t.remoteDcs().forEach((name, racks) -> addDc(dcs, name, racks, self.listen(), context));
        return AdminResponse.json(json);
    }

    private static void addDc(ArrayNode dcs, String name, List<Rack> racks, InetSocketAddress listen,
                              AdminContext context) {
        ObjectNode dc = dcs.addObject();
        dc.put("name", name);
        ArrayNode rackArray = dc.putArray("racks");
        for (Rack rack : racks) {
            ObjectNode r = rackArray.addObject();
            r.put("name", rack.name());
            ArrayNode servers = r.putArray("servers");
            for (ClusterNode node : rack.ring().nodes()) {
                ObjectNode server = servers.addObject();
                server.put("id", node.id());
                server.put("host", node.peerAddress().host());
                server.put("port", node.peerAddress().port());
                ArrayNode tokens = server.putArray("token");
                node.tokens().forEach(tokens::add);
                server.put("local", node.local());
                // As this node sees it; a node is UP to itself.
                PeerState state = context.peerState(node);
                server.put("state", state == null ? PeerState.UP.name() : state.name());
                server.put("phi", AdminJson.round(context.peerPhi(node)));
                if (node.local()) {
                    // The bound address: a wildcard host (0.0.0.0) means "the peer host" to a client.
                    server.put("client_host", listen.getAddress().getHostAddress());
                    server.put("client_port", listen.getPort());
                }
            }
        }
    }
}
