package io.dynoj.core.topology;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import java.util.ArrayList;
import java.util.List;

/** The topology written in the config: the node itself plus {@code dyn_seeds}. */
public final class StaticTopology {

    private StaticTopology() {
    }

    public static Topology from(NodeConfig config) {
        return from(config, self(config));
    }

    /** The node as its config places it, at its configured peer address. */
    public static ClusterNode self(NodeConfig config) {
        HostPort peer = config.dynListen() != null ? config.dynListen() : new HostPort(config.listen().host(), 0);
        return new ClusterNode(config.nodeId(), config.datacenter(), config.rack(), peer, config.tokens(), true);
    }

    /** {@code self} and the config's {@code dyn_seeds}, version 1. */
    public static Topology from(NodeConfig config, ClusterNode self) {
        List<ClusterNode> nodes = new ArrayList<>();
        nodes.add(self);
        for (String seed : config.dynSeeds()) {
            nodes.add(parseSeed(seed));
        }
        return new Topology(1, nodes);
    }

    /**
     * A Dynomite seed, {@code host:port:rack:dc:tokens [name]}, parsed from the right as Dynomite
     * does, so a host may itself contain colons.
     */
    public static ClusterNode parseSeed(String seed) {
        String value = seed.trim();
        int space = value.indexOf(' ');
        if (space > 0) {
            value = value.substring(0, space);
        }
        String[] parts = new String[4];
        int end = value.length();
        for (int i = 3; i >= 0; i--) {
            int colon = value.lastIndexOf(':', end - 1);
            if (colon <= 0) {
                throw new IllegalArgumentException("seed '" + seed + "' must match host:port:rack:dc:tokens");
            }
            parts[i] = value.substring(colon + 1, end);
            end = colon;
        }
        String host = value.substring(0, end);
        List<Long> tokens = new ArrayList<>();
        for (String t : parts[3].split(",")) {
            try {
                long token = Long.parseLong(t.trim());
                if (token < 0 || token > 0xFFFF_FFFFL) {
                    throw new NumberFormatException();
                }
                tokens.add(token);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("seed '" + seed + "' has a bad token '" + t + "'");
            }
        }
        try {
            return new ClusterNode(parts[2], parts[1], new HostPort(host, Integer.parseInt(parts[0])), tokens, false);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("seed '" + seed + "' has a bad port '" + parts[0] + "'");
        }
    }
}
