package io.dynoj.client.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.HostAndPort;

/**
 * Reads a node's {@code /cluster_describe} answer (framework-core's ClusterDescribeEndpoint):
 * {@code {"version", "hash", "hash_tag", "dcs": [{"name", "racks": [{"name", "servers": [{"host",
 * "port", "token": [...], "local", "client_host"?, "client_port"?}]}]}]}}. A node older than the
 * client gives no {@code hash}: Dynomite's default, {@code murmur}, is assumed. Stateless.
 */
public final class ClusterDescribeParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterDescribeParser() {
    }

    /**
     * @throws IllegalArgumentException if the body is not a cluster description; the message says what is wrong
     */
    public static DescribedCluster parse(HostAndPort source, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("/cluster_describe of " + source + " is not JSON: " + e.getOriginalMessage());
        }
        JsonNode dcs = root == null ? null : root.get("dcs");
        if (dcs == null || !dcs.isArray()) {
            throw new IllegalArgumentException("/cluster_describe of " + source + " has no 'dcs' list");
        }
        List<DescribedCluster.Server> servers = new ArrayList<>();
        for (JsonNode dc : dcs) {
            for (JsonNode rack : dc.path("racks")) {
                for (JsonNode server : rack.path("servers")) {
                    servers.add(server(source, text(dc, "name", source), text(rack, "name", source), server));
                }
            }
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("/cluster_describe of " + source + " lists no servers");
        }
        JsonNode tag = root.get("hash_tag");
        return new DescribedCluster(source, root.path("version").asLong(0), root.path("hash").asText("murmur"),
                tag == null || tag.isNull() || tag.asText().isEmpty() ? null : tag.asText(), servers);
    }

    private static DescribedCluster.Server server(HostAndPort source, String dc, String rack, JsonNode s) {
        List<Long> tokens = new ArrayList<>();
        for (JsonNode t : s.path("token")) {
            tokens.add(t.asLong());
        }
        if (tokens.isEmpty() || !s.path("port").canConvertToInt()) {
            throw new IllegalArgumentException("/cluster_describe of " + source + ": server " + s + " needs a port and tokens");
        }
        JsonNode clientHost = s.get("client_host");
        return new DescribedCluster.Server(dc, rack, text(s, "host", source), s.get("port").asInt(), tokens,
                s.path("local").asBoolean(false), clientHost == null || clientHost.isNull() ? null : clientHost.asText(),
                s.path("client_port").asInt(0));
    }

    private static String text(JsonNode node, String field, HostAndPort source) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("/cluster_describe of " + source + ": '" + field + "' missing in " + node);
        }
        return value.asText();
    }
}
