package io.dynoj.core.health;

/**
 * Judges from the times a peer was last heard of whether it is alive. Times are {@link System#nanoTime()}
 * readings (a fake clock in tests). Implementations say which threads may call them.
 */
public interface FailureDetector {

    /** {@code peer} was heard of (any frame from it) at {@code nanos}; an older reading than the last is ignored. */
    void heartbeat(String peer, long nanos);

    /**
     * The suspicion that {@code peer} is dead at {@code nanos}: 0 just after a heartbeat, growing while nothing
     * is heard; phi = -log10(the probability that a live peer would stay silent this long). 0 for a peer
     * never heard of.
     */
    double phi(String peer, long nanos);

    /** The state {@link #phi} maps to at {@code nanos}, by the detector's thresholds. */
    PeerState state(String peer, long nanos);

    /** Forgets {@code peer} (it left the topology). */
    void forget(String peer);
}
