package io.dynoj.core.peer;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;

/** What a node does with a request a peer sent it (implemented by the router). */
public interface RemoteRequestHandler {

    /**
     * Serves {@code request} (ownership passes) and answers {@code sink} once.
     *
     * @param mode {@link PeerMessage#MODE_LOCAL}, {@link PeerMessage#MODE_PRIMARY} or
     *     {@link PeerMessage#MODE_DC_PRIMARY}
     * @param consistency the level the sending node wants met before it is answered
     * @param originRack for {@link PeerMessage#MODE_PRIMARY}: the position of the sender's rack among its
     *     datacenter's racks, whose replica must have the write before a DC_ONE answer; -1 when unknown
     * @param sink the answer; its {@code background()} lets the node answer first and finish later
     */
    void handleRemote(Request request, byte mode, ConsistencyLevel consistency, int originRack, ReplySink sink);
}
