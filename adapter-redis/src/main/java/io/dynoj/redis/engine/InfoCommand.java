package io.dynoj.redis.engine;

import io.dynoj.core.storage.StoreIterator;
import io.netty.buffer.ByteBuf;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * INFO on the embedded engine, as Redis 7.0 answers it: no argument or {@code default} gives the
 * default sections, {@code all} adds commandstats and latencystats, {@code everything} modules
 * too; other arguments name sections (any case, several at once); unknown names add nothing.
 * On a node in front of redis-server, INFO goes to the redis-server instead.
 */
final class InfoCommand {

    private static final List<String> DEFAULT = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "module_list", "errorstats", "cluster", "keyspace");

    private InfoCommand() {
    }

    static void register(CommandRegistry r) {
        r.add("info", InfoCommand::info);
    }

    private static ByteBuf info(Call c) {
        Set<String> wanted = new HashSet<>();
        boolean all = false;
        if (c.argc() == 1) {
            wanted.addAll(DEFAULT);
        }
        for (int i = 1; i < c.argc(); i++) {
            String name = c.string(i).toLowerCase(Locale.ROOT);
            switch (name) {
                case "default" -> wanted.addAll(DEFAULT);
                case "all", "everything" -> all = true;
                default -> wanted.add(name);
            }
        }
        return c.bulk(render(c, wanted, all));
    }

    static String render(Call c, Set<String> wanted, boolean all) {
        InfoSections sections = c.state().info();
        long now = c.now();
        StringBuilder s = new StringBuilder(2048);
        Section out = new Section(s, wanted, all);
        if (out.begin("server", "Server")) {
            sections.server(s, now);
        }
        if (out.begin("clients", "Clients")) {
            sections.clients(s);
        }
        if (out.begin("memory", "Memory")) {
            sections.memory(s);
        }
        if (out.begin("persistence", "Persistence")) {
            sections.persistence(s, now);
        }
        if (out.begin("stats", "Stats")) {
            sections.stats(s, now);
        }
        if (out.begin("replication", "Replication")) {
            sections.replication(s);
        }
        if (out.begin("cpu", "CPU")) {
            sections.cpu(s);
        }
        // No modules: the header alone.
        out.begin(wanted.contains("modules") ? "modules" : "module_list", "Modules");
        if (out.begin("commandstats", "Commandstats")) {
            c.state().stats().commandCalls().forEach((name, v) -> InfoSections.line(s, "cmdstat_" + name,
                    "calls=" + v[0] + ",usec=" + v[1] + ",usec_per_call=" + String.format(Locale.ROOT, "%.2f", (double) v[1] / v[0])
                            + ",rejected_calls=0,failed_calls=0"));
        }
        if (out.begin("errorstats", "Errorstats")) {
            // Errors are counted in total, not per error code.
        }
        if (out.begin("latencystats", "Latencystats")) {
            c.state().stats().commandLatencies().forEach((name, p) -> InfoSections.line(s, "latency_percentiles_usec_" + name,
                    String.format(Locale.ROOT, "p50=%.3f,p99=%.3f,p99.9=%.3f", p[0], p[1], p[2])));
        }
        if (out.begin("cluster", "Cluster")) {
            InfoSections.line(s, "cluster_enabled", 0);
        }
        if (out.begin("keyspace", "Keyspace")) {
            keyspace(c, s);
        }
        return s.toString();
    }

    /** {@code db0:keys=N,expires=M,avg_ttl=T}: every key is read (as DBSIZE does), expired ones skipped. */
    private static void keyspace(Call c, StringBuilder s) {
        long now = c.now();
        long keys = 0;
        long expires = 0;
        long ttlSum = 0;
        try (StoreIterator it = c.keyspace().store().scan(null, Keyspace.firstStoreKey(), Keyspace.endStoreKey())) {
            while (it.next()) {
                long expireAt = StoredValue.expireAtOf(it.value());
                if (expireAt != 0 && expireAt <= now) {
                    continue;
                }
                keys++;
                if (expireAt != 0) {
                    expires++;
                    ttlSum += expireAt - now;
                }
            }
        }
        if (keys > 0) {
            InfoSections.line(s, "db0", "keys=" + keys + ",expires=" + expires + ",avg_ttl=" + (expires == 0 ? 0 : ttlSum / expires));
        }
    }

    /** Writes section headers, a blank line between sections, as Redis does. */
    private static final class Section {
        private final StringBuilder s;
        private final Set<String> wanted;
        private final boolean all;
        private boolean first = true;

        Section(StringBuilder s, Set<String> wanted, boolean all) {
            this.s = s;
            this.wanted = wanted;
            this.all = all;
        }

        boolean begin(String name, String title) {
            if (!all && !wanted.contains(name)) {
                return false;
            }
            if (!first) {
                s.append("\r\n");
            }
            first = false;
            s.append("# ").append(title).append("\r\n");
            return true;
        }
    }
}
