package io.dynoj.core.admin;

import io.dynoj.core.node.NodeState;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /state/get_state} answers the node's lifecycle state. Dynomite's other {@code /state/*} paths
 * change the state (normal, standby, writes_only...); Dynoj has no such states yet, so they say so.
 */
final class StateEndpoints {

    private final Supplier<NodeState> state;

    StateEndpoints(Supplier<NodeState> state) {
        this.state = state;
    }

    AdminResponse get(AdminRequest request) {
        return AdminResponse.json(Map.of("state", state.get().name()));
    }

    AdminResponse change(AdminRequest request) {
        return AdminResponse.error(HttpResponseStatus.NOT_IMPLEMENTED,
                "changing the node state (" + request.path() + ") is not implemented yet; only /state/get_state is");
    }
}
