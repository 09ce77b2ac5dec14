package io.dynoj.core.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Rack;
import io.dynoj.core.topology.Topology;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /cluster_describe}: the topology as datacenters > racks > servers with their tokens, in the
 * spirit of Dynomite's answer. The local datacenter comes first, then the remote ones by name.
 */
final class ClusterDescribeEndpoint implements AdminEndpoint {

    private final Supplier<Topology> topology;

    ClusterDescribeEndpoint(Supplier<Topology> topology) {
        this.topology = topology;
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        Topology t = topology.get(); // one snapshot for the whole answer
        ObjectNode json = AdminJson.object();
        json.put("version", t.version());
        ArrayNode dcs = json.putArray("dcs");
        addDc(dcs, t.local().dc(), t.localDcRacks());
        t.remoteDcs().forEach((name, racks) -> addDc(dcs, name, racks));
        return AdminResponse.json(json);
    }

    private static void addDc(ArrayNode dcs, String name, List<Rack> racks) {
        ObjectNode dc = dcs.addObject();
        dc.put("name", name);
        ArrayNode rackArray = dc.putArray("racks");
        for (Rack rack : racks) {
            ObjectNode r = rackArray.addObject();
            r.put("name", rack.name());
            ArrayNode servers = r.putArray("servers");
            for (ClusterNode node : rack.ring().nodes()) {
                ObjectNode server = servers.addObject();
                server.put("host", node.peerAddress().host());
                server.put("port", node.peerAddress().port());
                ArrayNode tokens = server.putArray("token");
                node.tokens().forEach(tokens::add);
                server.put("local", node.local());
            }
        }
    }
}
