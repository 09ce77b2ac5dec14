package io.dynoj.core.admin;

import io.dynoj.core.repair.RepairService;
import io.dynoj.core.spi.TokenRange;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code /repair}: {@code GET} answers the current (or last) repair run's progress as JSON;
 * {@code POST /repair} starts a repair of every range of this node, {@code POST /repair/START:END} of
 * those within {@code (START, END]} ({@code 202 Accepted} with the progress; {@code 409 Conflict} while a
 * run is going on, {@code 400} for a malformed range). The run itself is on the repair thread; this only
 * starts it and reads figures. On the admin event loop.
 */
final class RepairEndpoint implements AdminEndpoint {

    private final AdminContext context;

    RepairEndpoint(AdminContext context) {
        this.context = context;
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        RepairService repair = context.repair();
        if (repair == null) {
            return AdminResponse.error(HttpResponseStatus.CONFLICT, "this node does not repair");
        }
        if (!HttpMethod.POST.equals(request.method())) {
            return request.rest().isEmpty() ? AdminResponse.json(repair.progress().describe())
                    : AdminResponse.error(HttpResponseStatus.NOT_FOUND, "GET /repair takes no range; POST starts one");
        }
        TokenRange only;
        try {
            only = switch (request.rest().size()) {
                case 0 -> null;
                case 1 -> TokenRange.parse(request.rest().get(0));
                default -> throw new IllegalArgumentException("POST /repair or /repair/START:END");
            };
        } catch (IllegalArgumentException e) {
            return AdminResponse.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        try {
            return AdminResponse.json(HttpResponseStatus.ACCEPTED, repair.start(only).describe());
        } catch (IllegalStateException e) {
            return AdminResponse.error(HttpResponseStatus.CONFLICT, e.getMessage());
        }
    }
}
