package io.dynoj.coordinator.zookeeper;

import io.dynoj.core.config.HostPort;
import java.util.List;

/**
 * A live node as its member znode describes it (JSON, snake_case: {@code node_id}, {@code peer_port}...).
 * The member says who is alive and where; the token claims say who owns what.
 *
 * @param clientPort 0 until the node serves clients
 * @param adminPort 0 until the node serves clients
 * @param tokens the tokens it holds claims for when it registered
 */
public record Member(String nodeId, String dc, String rack, String host, int peerPort, int clientPort, int adminPort,
                     List<Long> tokens, State state) {

    /** Whether the node serves clients yet. */
    public enum State { JOINING, SERVING }

    public Member {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    public HostPort peerAddress() {
        return new HostPort(host, peerPort);
    }

    Member withTokens(List<Long> newTokens) {
        return new Member(nodeId, dc, rack, host, peerPort, clientPort, adminPort, newTokens, state);
    }

    Member serving(int client, int admin) {
        return new Member(nodeId, dc, rack, host, peerPort, client, admin, tokens, State.SERVING);
    }
}
