package io.dynoj.core.admin;

import io.dynoj.core.state.ServingState;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /state/get_state} answers the node's {@link ServingState} in Dynomite's text form
 * ({@code State: NORMAL}); {@code /state/<normal|standby|writes_only|resuming>} changes it and answers
 * the new state in the same form (so a script reads both alike). Anything else under {@code /state}
 * is a 400 naming the valid states.
 */
final class StateEndpoints {

    private static final Logger log = LoggerFactory.getLogger(StateEndpoints.class);

    private final AdminContext context;

    StateEndpoints(AdminContext context) {
        this.context = context;
    }

    AdminResponse get(AdminRequest request) {
        return AdminResponse.text(context.servingState().dynomiteText());
    }

    AdminResponse change(AdminRequest request) {
        if (request.rest().size() != 1) {
            return AdminResponse.error(HttpResponseStatus.BAD_REQUEST,
                    "expected /state/<get_state|normal|standby|writes_only|resuming>, got " + request.path());
        }
        ServingState next;
        try {
            next = ServingState.parse(request.rest().get(0));
        } catch (IllegalArgumentException e) {
            return AdminResponse.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        ServingState previous = context.servingState(next);
        if (previous != next) {
            // What the node serves changed: the reason for refused requests from now on.
            log.info("node state {} -> {} through the admin port", previous, next);
        }
        return AdminResponse.text(next.dynomiteText());
    }
}
