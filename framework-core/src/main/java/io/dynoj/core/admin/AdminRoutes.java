package io.dynoj.core.admin;

/**
 * The one place the admin paths are listed; a new endpoint is one more line here: {@code route}/{@code prefix}
 * for what only reads, {@code action}/{@code actionPrefix} for what changes the node (those need the admin
 * token when one is configured).
 */
final class AdminRoutes {

    private AdminRoutes() {
    }

    static AdminRouter of(AdminContext context) {
        ConsistencyEndpoints consistency = new ConsistencyEndpoints(context::consistency);
        StateEndpoints state = new StateEndpoints(context);
        return AdminRouter.builder()
                .route("/ping", request -> AdminResponse.text("pong"))
                .route("/info", new InfoEndpoint(context))
                .route("/get_consistency", consistency::get)
                .actionPrefix("/set_consistency", consistency::set)
                .route("/cluster_describe", new ClusterDescribeEndpoint(context))
                .route("/state/get_state", state::get)
                .actionPrefix("/state", state::change)
                .action("/decommission", new DecommissionEndpoint(context))
                .action("/repair", new RepairEndpoint(context))
                .actionPrefix("/repair", new RepairEndpoint(context))
                .action("/warmup", new WarmupEndpoint(context))
                .actionPrefix("/setloglevel", new LogLevelEndpoint())
                .route("/metrics", new MetricsEndpoint(context::metrics))
                .route("/metrics/json", new MetricsJsonEndpoint(context::metrics))
                .build();
    }
}
