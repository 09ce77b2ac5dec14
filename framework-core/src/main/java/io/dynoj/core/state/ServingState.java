package io.dynoj.core.state;

import io.dynoj.core.spi.RequestKind;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a running node lets its datastore serve: Dynomite's node states, changed on the admin port with
 * {@code /state/<normal|standby|writes_only|resuming>}. Like Dynomite, the state gates this node's own
 * datastore, for requests from clients and from peers (replication) alike; the node keeps answering
 * what it answers itself (PING...) and keeps coordinating requests whose keys other nodes own. A
 * request counts as a write only when its kind is {@link RequestKind#WRITE}; reads, and whole-datastore
 * commands such as INFO or DBSIZE, are reads (Dynomite: everything not a write is a read).
 *
 * <p>Not to be confused with the node's lifecycle ({@code NodeState}: NEW..STOPPED).
 * Immutable; the node holds the current one in an atomic reference.
 */
public enum ServingState {

    /** Serves reads and writes. The state a node starts in. */
    NORMAL(true, true),
    /**
     * Serves neither reads nor writes, from clients or peers: the datastore is taken out of the cluster
     * (Dynomite uses it while a node's datastore is being filled from a peer). Replication to it fails
     * and is counted as such by the sending node.
     */
    STANDBY(false, false),
    /**
     * Serves writes (clients' and peers' replication) and refuses reads (the router sends a client's read of
     * this node's keys to another rack when it can): the datastore catches up
     * with the cluster's writes while its data is not yet complete enough to be read.
     */
    WRITES_ONLY(false, true),
    /**
     * Serves what {@link #WRITES_ONLY} serves. Dynomite holds writes back in WRITES_ONLY and flushes
     * them in RESUMING; Dynoj never holds writes back (they reach the datastore at once). A warm-up is
     * RESUMING while it compares its copied ranges once more with their source and fetches what the
     * writes that arrived meanwhile left different (docs/WARMUP.md); set by hand it marks the step from
     * WRITES_ONLY back to NORMAL, for tools that drive that sequence.
     */
    RESUMING(false, true);

    private final boolean reads;
    private final boolean writes;

    ServingState(boolean reads, boolean writes) {
        this.reads = reads;
        this.writes = writes;
    }

    /** Whether the datastore serves a request of this kind in this state. */
    public boolean allows(RequestKind kind) {
        return kind == RequestKind.WRITE ? writes : reads;
    }

    /** Why a request of {@code kind} is refused, for the client's error reply; {@code null} when it is allowed. */
    public String refusal(RequestKind kind) {
        if (allows(kind)) {
            return null;
        }
        return writes
                ? "the node is in state " + name() + " and serves writes only"
                : "the node is in state " + name() + " and serves no reads or writes";
    }

    /** Dynomite's {@code /state/get_state} answer: {@code State: NORMAL} and a line end. */
    public String dynomiteText() {
        return "State: " + name() + "\n";
    }

    /**
     * The state named {@code name}, in any case ({@code writes_only}, {@code NORMAL}).
     *
     * @throws IllegalArgumentException naming the valid states
     */
    public static ServingState parse(String name) {
        for (ServingState s : values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown node state '" + name + "'; expected one of "
                + Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
    }
}
