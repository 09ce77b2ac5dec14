package io.dynoj.coordinator.zookeeper;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where one cluster's znodes are, under {@code root/cluster}:
 *
 * <pre>
 * /dynoj/CLUSTER/members/NODE_ID               ephemeral, one per live node: a {@link Member} (JSON)
 * /dynoj/CLUSTER/tokens/DC/RACK/TOKEN          persistent, one per claimed token: its {@link TokenClaim.Owner}
 * </pre>
 *
 * Names that are not plain (node ids hold {@code /} and {@code :}) are URL-encoded, so every name is
 * one path segment. Immutable.
 */
public final class ClusterPaths {

    private final String cluster;

    public ClusterPaths(String root, String clusterName) {
        this.cluster = root + "/" + encode(clusterName);
    }

    /** The cluster's own znode, the parent of everything it keeps. */
    public String cluster() {
        return cluster;
    }

    public String members() {
        return cluster + "/members";
    }

    public String member(String nodeId) {
        return members() + "/" + encode(nodeId);
    }

    public String tokens() {
        return cluster + "/tokens";
    }

    public String rack(String dc, String rack) {
        return tokens() + "/" + encode(dc) + "/" + encode(rack);
    }

    public String claim(String dc, String rack, long token) {
        return rack(dc, rack) + "/" + token;
    }

    /** Whether {@code path} is a member znode. */
    boolean isMember(String path) {
        return path.startsWith(members() + "/") && path.indexOf('/', members().length() + 1) < 0;
    }

    /**
     * The dc, rack and token of a claim znode's path, or {@code null} when {@code path} is not one
     * (a directory, a foreign znode).
     */
    String[] claimPlace(String path) {
        if (!path.startsWith(tokens() + "/")) {
            return null;
        }
        String[] parts = path.substring(tokens().length() + 1).split("/");
        if (parts.length != 3 || !parts[2].chars().allMatch(Character::isDigit) || parts[2].isEmpty()
                || parts[2].length() > 10) {
            return null;
        }
        return new String[] {decode(parts[0]), decode(parts[1]), parts[2]};
    }

    static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }
}
