package io.dynoj.mysql;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynoj.core.config.ConfigSection;
import io.dynoj.testkit.MariaDbServer;
import java.util.concurrent.atomic.AtomicInteger;

/** Opens mysql stores on a test server, each on a table of its own. */
public final class TestStores {

    private static final AtomicInteger TABLES = new AtomicInteger();

    private TestStores() {
    }

    public static String newTable() {
        return "t" + TABLES.incrementAndGet() + "_" + ProcessHandle.current().pid();
    }

    /** The {@code mysql:} section for {@code db}, table {@code table}, plus {@code extra} key/value pairs. */
    public static ObjectNode section(MariaDbServer db, String table, Object... extra) {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("url", db.jdbcUrl())
                .put("user", db.user())
                .put("password", db.password())
                .put("table", table);
        for (int i = 0; i < extra.length; i += 2) {
            node.set((String) extra[i], JsonNodeFactory.instance.textNode(String.valueOf(extra[i + 1])));
        }
        return node;
    }

    static MySqlStore open(JsonNode section, MetricRegistry metrics) {
        return MySqlStore.open(MySqlOptions.parse(ConfigSection.of(MySqlOptions.SECTION, section)), metrics);
    }

    static MySqlStore open(MariaDbServer db, String table, Object... extra) {
        return open(section(db, table, extra), new MetricRegistry());
    }
}
