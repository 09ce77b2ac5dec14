package io.dynoj.client.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class HostSupplierTest {

    private final DescribedCluster cluster = Described.racks(2, 1);
    private final DescribedCluster.Server self = cluster.servers().get(0);
    private final DescribedCluster.Server other = cluster.servers().get(1);

    @Test
    void byConventionEveryNodeUsesTheAnsweringNodesClientAndAdminPortsOnItsPeerHost() {
        HostSupplier.NodeAddresses a = HostSupplier.convention().addresses(other, cluster);
        assertThat(a.client()).isEqualTo(new HostAndPort("10.0.2.0", 8102));
        assertThat(a.admin()).isEqualTo(new HostAndPort("10.0.2.0", 22222));
        assertThat(HostSupplier.convention().addresses(self, cluster).client()).isEqualTo(new HostAndPort("10.0.1.0", 8102));
    }

    @Test
    void aWildcardClientHostMeansThePeerHost() {
        DescribedCluster.Server wildcard = new DescribedCluster.Server("dc1", "rack1", "10.0.1.0", 8101, List.of(0L),
                true, "0.0.0.0", 7000);
        assertThat(HostSupplier.convention().addresses(wildcard, cluster).client()).isEqualTo(new HostAndPort("10.0.1.0", 7000));
    }

    @Test
    void anAdminPortTheDescriptionKnowsWinsOverTheSeedsOne() {
        DescribedCluster.Server registered = new DescribedCluster.Server("dc1", "rack2", "10.0.2.0", 8101, List.of(0L),
                false, "10.0.2.0", 7001, 22301, true);
        HostSupplier.NodeAddresses a = HostSupplier.convention().addresses(registered, cluster);
        assertThat(a.client()).isEqualTo(new HostAndPort("10.0.2.0", 7001));
        assertThat(a.admin()).isEqualTo(new HostAndPort("10.0.2.0", 22301));
    }

    @Test
    void explicitAddressesWinAndOthersFollowTheConvention() {
        HostSupplier.NodeAddresses given = new HostSupplier.NodeAddresses(new HostAndPort("lb", 9000), null);
        HostSupplier s = HostSupplier.of(Map.of("10.0.2.0:8101", given));
        assertThat(s.addresses(other, cluster)).isEqualTo(given);
        assertThat(s.addresses(self, cluster).client()).isEqualTo(new HostAndPort("10.0.1.0", 8102));
    }
}
