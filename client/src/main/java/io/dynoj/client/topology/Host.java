package io.dynoj.client.topology;

import io.dynoj.core.state.ServingState;
import java.util.Objects;
import redis.clients.jedis.HostAndPort;

/**
 * A node as the client uses it: its place, where to send commands, where its admin port is, and what
 * it serves (Dynomite's node state, as last read). Immutable; hosts are equal when their client
 * addresses are (a pool and a health record belong to an address).
 *
 * @param dc        its datacenter
 * @param rack      its rack
 * @param client    where it listens for clients; for an unreachable node, its peer address, which names it
 *                  and is never connected to
 * @param admin     its admin port, or {@code null} when unknown (its state is then not read)
 * @param state     what it serves; {@link ServingState#NORMAL} when unknown
 * @param reachable false when the node owns tokens but has no client address (ZooKeeper says it left the
 *                  cluster, or has not started serving): it is tried last, and trying it fails at once
 */
public record Host(String dc, String rack, HostAndPort client, HostAndPort admin, ServingState state,
                   boolean reachable) {

    public Host {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(state, "state");
    }

    /** A reachable node. */
    public Host(String dc, String rack, HostAndPort client, HostAndPort admin, ServingState state) {
        this(dc, rack, client, admin, state, true);
    }

    /** A node that owns tokens at {@code peer} but has no client address now. */
    public static Host unreachable(String dc, String rack, HostAndPort peer) {
        return new Host(dc, rack, peer, null, ServingState.NORMAL, false);
    }

    /** Whether the node serves reads now (not STANDBY, WRITES_ONLY or RESUMING). */
    public boolean servesReads() {
        return state == ServingState.NORMAL;
    }

    /** Whether the node serves writes now (not STANDBY). */
    public boolean servesWrites() {
        return state != ServingState.STANDBY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Host h && h.client.equals(client) && h.reachable == reachable;
    }

    @Override
    public int hashCode() {
        return client.hashCode();
    }

    @Override
    public String toString() {
        return dc + "/" + rack + "/" + client + (!reachable ? " (no client address)"
                : state == ServingState.NORMAL ? "" : " (" + state + ")");
    }
}
