package io.dynoj.coordinator.zookeeper;

import com.google.auto.service.AutoService;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.topology.TopologySource;
import io.dynoj.core.topology.TopologySourceContext;
import io.dynoj.core.topology.TopologySourceProvider;

/** {@code dyn_seed_provider: zookeeper}: makes {@link ZooKeeperTopologySource}s; checks the {@code zookeeper:} section. */
@AutoService(TopologySourceProvider.class)
public final class ZooKeeperTopologySourceProvider implements TopologySourceProvider {

    @Override
    public String type() {
        return ZooKeeperSettings.SECTION;
    }

    @Override
    public void validate(NodeConfig config) {
        ZooKeeperSettings.from(config);
        if (config.dynListen().port() == 0
                && config.nodeId().equals(config.datacenter() + "/" + config.rack() + "/" + config.dynListen())) {
            throw new IllegalArgumentException("dyn_listen on port 0 with zookeeper needs a node_id: the default"
                    + " one (dc/rack/host:port) would be the same for every node of the host");
        }
    }

    @Override
    public TopologySource create(TopologySourceContext context) {
        return new ZooKeeperTopologySource(ZooKeeperSettings.from(context.config()), context);
    }
}
