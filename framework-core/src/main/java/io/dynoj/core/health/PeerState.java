package io.dynoj.core.health;

/**
 * What a node thinks of a peer. UP: heard of recently. SUSPECT: silent longer than usual; still routed to.
 * DOWN: silent past the detection bound, or no connection to it for a while; routing skips it and requests
 * for it fail at once.
 */
public enum PeerState {
    UP(0), SUSPECT(1), DOWN(2);

    private final int code;

    PeerState(int code) {
        this.code = code;
    }

    /** 0, 1, 2: the {@code peer.<name>.state} gauge. */
    public int code() {
        return code;
    }
}
