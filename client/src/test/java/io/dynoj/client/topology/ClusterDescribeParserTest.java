package io.dynoj.client.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class ClusterDescribeParserTest {

    private static final HostAndPort SEED = new HostAndPort("127.0.0.1", 22222);

    @Test
    void readsANodesAnswerWithItsPlacementAndItsOwnClientAddress() {
        DescribedCluster d = ClusterDescribeParser.parse(SEED, """
                {"version":3,"hash":"fnv1a_64","hash_tag":"{}","dcs":[
                  {"name":"dc1","racks":[
                    {"name":"r1","servers":[
                      {"host":"10.0.0.1","port":8101,"token":[0],"local":true,"client_host":"0.0.0.0","client_port":8102},
                      {"host":"10.0.0.2","port":8101,"token":[2147483648],"local":false}]},
                    {"name":"r2","servers":[{"host":"10.0.1.1","port":8101,"token":[0],"local":false}]}]},
                  {"name":"dc2","racks":[{"name":"r1","servers":[
                      {"host":"10.1.0.1","port":8101,"token":[100,4000000000],"local":false}]}]}]}
                """);
        assertThat(d.version()).isEqualTo(3);
        assertThat(d.hash()).isEqualTo("fnv1a_64");
        assertThat(d.hashTag()).isEqualTo("{}");
        assertThat(d.servers()).hasSize(4);
        DescribedCluster.Server self = d.answering().orElseThrow();
        assertThat(self.peerAddress()).isEqualTo("10.0.0.1:8101");
        assertThat(self.clientPort()).isEqualTo(8102);
        assertThat(self.clientHost()).isEqualTo("0.0.0.0");
        DescribedCluster.Server remote = d.servers().get(3);
        assertThat(remote.dc()).isEqualTo("dc2");
        assertThat(remote.tokens()).containsExactly(100L, 4000000000L);
        assertThat(remote.clientPort()).isZero();
        assertThat(remote.clientHost()).isNull();
    }

    @Test
    void anAnswerWithoutHashIsDynomitesDefaultAndANullTagIsNone() {
        DescribedCluster d = ClusterDescribeParser.parse(SEED, """
                {"version":1,"hash_tag":null,"dcs":[{"name":"dc1","racks":[{"name":"r1","servers":[
                  {"host":"h","port":1,"token":[0],"local":true}]}]}]}""");
        assertThat(d.hash()).isEqualTo("murmur");
        assertThat(d.hashTag()).isNull();
        assertThat(d.servers()).extracting(DescribedCluster.Server::tokens).containsExactly(List.of(0L));
    }

    @Test
    void whatIsNotADescriptionIsRefusedWithTheReason() {
        assertThatThrownBy(() -> ClusterDescribeParser.parse(SEED, "<html>")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ClusterDescribeParser.parse(SEED, "{}")).hasMessageContaining("no 'dcs'");
        assertThatThrownBy(() -> ClusterDescribeParser.parse(SEED, "{\"dcs\":[]}")).hasMessageContaining("no servers");
        assertThatThrownBy(() -> ClusterDescribeParser.parse(SEED, """
                {"dcs":[{"name":"dc1","racks":[{"name":"r1","servers":[{"host":"h","port":1,"token":[]}]}]}]}"""))
                .hasMessageContaining("needs a port and tokens");
    }
}
