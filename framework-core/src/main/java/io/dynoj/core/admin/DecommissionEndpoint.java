package io.dynoj.core.admin;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code /decommission}: the node leaves the ring on every node ({@link AdminContext#decommission}). It
 * keeps running, so a client still connected is answered (by the other nodes' data once they have
 * dropped it); stop it once {@code dynoj ring} on another node no longer lists it. Answers
 * {@code 409 Conflict} when its topology source cannot decommission. Stateless; on the admin event loop.
 */
final class DecommissionEndpoint implements AdminEndpoint {

    private final AdminContext context;

    DecommissionEndpoint(AdminContext context) {
        this.context = context;
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        try {
            context.decommission();
            return AdminResponse.text("decommissioned: leaving the ring");
        } catch (IllegalStateException e) {
            return AdminResponse.error(HttpResponseStatus.CONFLICT, e.getMessage());
        }
    }
}
