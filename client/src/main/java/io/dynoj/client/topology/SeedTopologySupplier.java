package io.dynoj.client.topology;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;

/**
 * Asks seed nodes' admin ports for {@code /cluster_describe}, starting with the seed that answered last
 * time and moving on to the next when one fails, so one dead seed costs one timeout, once.
 */
public final class SeedTopologySupplier implements TopologySupplier {

    private static final Logger log = LoggerFactory.getLogger(SeedTopologySupplier.class);

    private final List<HostAndPort> seeds;
    private final AdminHttp http;
    /** Only the refresh thread moves it (see {@link TopologySupplier}); volatile for the builder's first call. */
    private volatile int next;

    public SeedTopologySupplier(List<HostAndPort> seeds, AdminHttp http) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("at least one seed (a node's admin address, host:port) is needed");
        }
        this.seeds = List.copyOf(seeds);
        this.http = http;
    }

    @Override
    public DescribedCluster describe() throws IOException {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            int index = (next + i) % seeds.size();
            HostAndPort seed = seeds.get(index);
            try {
                DescribedCluster cluster = ClusterDescribeParser.parse(seed, http.get(seed, "/cluster_describe"));
                next = index;
                return cluster;
            } catch (IOException | IllegalArgumentException e) {
                log.debug("seed {} did not describe the cluster", seed, e);
                failures.add(seed + ": " + e.getMessage());
            }
        }
        throw new IOException("no seed answered /cluster_describe: " + String.join("; ", failures));
    }
}
