package io.dynoj.core.admin;

import io.dynoj.core.warmup.WarmupService;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code /warmup}: {@code GET} answers the current (or last) warm-up's progress as JSON; {@code POST} starts
 * one ({@code 202 Accepted} with the progress; {@code 409 Conflict} while one copies, or when the datastore
 * cannot stream ranges); a warm-up stalled for want of a source is tried again at once. The warm-up itself
 * runs on its own thread; this only starts it and reads figures. On the admin event loop.
 */
final class WarmupEndpoint implements AdminEndpoint {

    private final AdminContext context;

    WarmupEndpoint(AdminContext context) {
        this.context = context;
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        WarmupService warmup = context.warmup();
        if (warmup == null) {
            return AdminResponse.error(HttpResponseStatus.CONFLICT, "this node does not warm up");
        }
        if (!HttpMethod.POST.equals(request.method())) {
            return AdminResponse.json(warmup.progress().describe());
        }
        try {
            return AdminResponse.json(HttpResponseStatus.ACCEPTED, warmup.start().describe());
        } catch (IllegalStateException e) {
            return AdminResponse.error(HttpResponseStatus.CONFLICT, e.getMessage());
        }
    }
}
