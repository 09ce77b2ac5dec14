package io.dynoj.core.routing;

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
}
