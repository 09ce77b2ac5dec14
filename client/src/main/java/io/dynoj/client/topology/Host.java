package io.dynoj.client.topology;

import io.dynoj.core.state.ServingState;
import java.util.Objects;
import redis.clients.jedis.HostAndPort;

/**
 * A node as the client uses it: its place, where to send commands, where its admin port is, and what
 * it serves (Dynomite's node state, as last read). Immutable; hosts are equal when their client
 * addresses are (a pool and a health record belong to an address).
 *
 * @param dc     its datacenter
 * @param rack   its rack
 * @param client where it listens for clients
 * @param admin  its admin port, or {@code null} when unknown (its state is then not read)
 * @param state  what it serves; {@link ServingState#NORMAL} when unknown
 */
public record Host(String dc, String rack, HostAndPort client, HostAndPort admin, ServingState state) {

    public Host {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(state, "state");
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
        return o instanceof Host h && h.client.equals(client);
    }

    @Override
    public int hashCode() {
        return client.hashCode();
    }

    @Override
    public String toString() {
        return dc + "/" + rack + "/" + client + (state == ServingState.NORMAL ? "" : " (" + state + ")");
    }
}
