package io.dynoj.core.peer;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;

/** What a node does with a request a peer sent it (implemented by the router). */
public interface RemoteRequestHandler {

    /**
     * Serves {@code request} (ownership passes) and answers {@code sink} once.
     *
     * @param mode {@link PeerMessage#MODE_LOCAL} or {@link PeerMessage#MODE_DC_FANOUT}
     * @param consistency the level the sending node wants met before it is answered
     */
    void handleRemote(Request request, byte mode, ConsistencyLevel consistency, ReplySink sink);
}
