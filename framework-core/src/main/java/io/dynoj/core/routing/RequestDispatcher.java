package io.dynoj.core.routing;

import io.dynoj.core.spi.KeyPlacement;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;

/**
 * Serves a client request that the node does not answer itself: from the local datastore, from
 * peers, or both. Called on the client connection's event loop; must not block. Takes ownership of
 * the request and answers the sink exactly once.
 */
@FunctionalInterface
public interface RequestDispatcher {

    void dispatch(Request request, ReplySink sink);

    /**
     * Whether a read dispatched after a write to the same key may be served before that write is
     * applied where the read is served (writes and reads served in different places). Client
     * connections then hold such reads until the write is answered ({@code WriteFence}). Asked when a
     * connection opens; false by default (one datastore serves both, in dispatch order).
     */
    default boolean readsMayOvertakeWrites() {
        return false;
    }

    /** Which keys share their nodes ({@link KeyPlacement}); a datastore alone holds every key. */
    default KeyPlacement placement() {
        return KeyPlacement.ALONE;
    }
}
