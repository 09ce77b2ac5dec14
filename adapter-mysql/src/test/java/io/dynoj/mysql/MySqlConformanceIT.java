package io.dynoj.mysql;

import io.dynoj.conformance.StoreAdapterConformance;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.testkit.MariaDbServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The MySQL store passes the store adapter conformance kit, every node on a table of its own. */
class MySqlConformanceIT extends StoreAdapterConformance {

    private static MariaDbServer db;
    private final Map<Integer, String> tables = new HashMap<>();

    @BeforeAll
    static void startDatabase() {
        db = MariaDbServer.start();
    }

    @AfterAll
    static void stopDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected String datastoreType() {
        return "mysql";
    }

    @Override
    protected void configure(NodeConfig.Builder node, int index, Path dataDir) {
        // Same table for the same node index within a test, so a restarted node finds its data.
        String table = tables.computeIfAbsent(index, i -> TestStores.newTable());
        node.section("mysql", TestStores.section(db, table));
    }
}
