package io.dynoj.redis.engine;

import io.dynoj.core.spi.Version;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The INFO sections that describe the node rather than the keys, with Redis 7.0's field names so
 * that monitoring tools read them: what the node does not have (replicas, snapshots, AOF,
 * eviction) is reported as Redis reports its absence. Thread-safe.
 */
final class InfoSections {

    private final String runId = hex40();
    private final String replId = hex40();
    private final EngineStats stats;
    private final String storeType;
    private volatile long peakMemory;

    InfoSections(String storeType, EngineStats stats) {
        this.storeType = storeType;
        this.stats = stats;
    }

    void server(StringBuilder s, long now) {
        long uptime = (now - stats.startedAtMillis()) / 1000;
        line(s, "redis_version", "7.0.15");
        line(s, "redis_git_sha1", "00000000");
        line(s, "redis_git_dirty", "0");
        line(s, "redis_build_id", "0");
        line(s, "redis_mode", "standalone");
        line(s, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        line(s, "arch_bits", "64");
        line(s, "multiplexing_api", "epoll");
        line(s, "process_id", ProcessHandle.current().pid());
        line(s, "process_supervised", "no");
        line(s, "run_id", runId);
        line(s, "server_time_usec", now * 1000);
        line(s, "uptime_in_seconds", uptime);
        line(s, "uptime_in_days", uptime / 86400);
        line(s, "hz", 10);
        line(s, "configured_hz", 10);
        line(s, "lru_clock", (now / 1000) & ((1 << 24) - 1));
        line(s, "executable", "");
        line(s, "io_threads_active", 0);
        line(s, "dynoj_version", Version.get());
        line(s, "dynoj_datastore", storeType);
    }

    void clients(StringBuilder s) {
        line(s, "connected_clients", stats.connectedClients());
        line(s, "cluster_connections", 0);
        line(s, "client_recent_max_input_buffer", 0);
        line(s, "client_recent_max_output_buffer", 0);
        line(s, "blocked_clients", 0);
        line(s, "tracking_clients", 0);
        line(s, "clients_in_timeout_table", 0);
    }

    /** The JVM's heap in use as used_memory (the store's own memory is outside it), the process's RSS. */
    void memory(StringBuilder s) {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        peakMemory = Math.max(peakMemory, used);
        long rss = ProcessStats.rssBytes();
        line(s, "used_memory", used);
        line(s, "used_memory_human", human(used));
        line(s, "used_memory_rss", rss);
        line(s, "used_memory_rss_human", human(rss));
        line(s, "used_memory_peak", peakMemory);
        line(s, "used_memory_peak_human", human(peakMemory));
        line(s, "total_system_memory", ProcessStats.totalSystemMemory());
        line(s, "maxmemory", 0);
        line(s, "maxmemory_human", "0B");
        line(s, "maxmemory_policy", "noeviction");
        line(s, "mem_fragmentation_ratio", used == 0 ? "0.00" : String.format(Locale.ROOT, "%.2f", (double) rss / used));
        line(s, "mem_allocator", "jvm-" + Runtime.version().feature());
    }

    /** The store writes through on every command: nothing is ever waiting to be saved. */
    void persistence(StringBuilder s, long now) {
        line(s, "loading", 0);
        line(s, "async_loading", 0);
        line(s, "rdb_changes_since_last_save", 0);
        line(s, "rdb_bgsave_in_progress", 0);
        line(s, "rdb_last_save_time", now / 1000);
        line(s, "rdb_last_bgsave_status", "ok");
        line(s, "rdb_last_bgsave_time_sec", -1);
        line(s, "rdb_current_bgsave_time_sec", -1);
        line(s, "aof_enabled", 0);
        line(s, "aof_rewrite_in_progress", 0);
        line(s, "aof_rewrite_scheduled", 0);
        line(s, "aof_last_rewrite_time_sec", -1);
        line(s, "aof_current_rewrite_time_sec", -1);
        line(s, "aof_last_bgrewrite_status", "ok");
        line(s, "aof_rewrites", 0);
        line(s, "aof_last_write_status", "ok");
    }

    void stats(StringBuilder s, long now) {
        line(s, "total_connections_received", stats.connectionsReceived());
        line(s, "total_commands_processed", stats.commandsProcessed());
        line(s, "instantaneous_ops_per_sec", stats.opsPerSecond(now));
        line(s, "rejected_connections", stats.rejectedConnections());
        line(s, "evicted_keys", 0);
        line(s, "pubsub_channels", 0);
        line(s, "pubsub_patterns", 0);
        line(s, "total_error_replies", stats.errorReplies());
    }

    /** Each node is a master of its own data; racks replicate through Dynoj, not Redis replication. */
    void replication(StringBuilder s) {
        line(s, "role", "master");
        line(s, "connected_slaves", 0);
        line(s, "master_failover_state", "no-failover");
        line(s, "master_replid", replId);
        line(s, "master_replid2", "0".repeat(40));
        line(s, "master_repl_offset", 0);
        line(s, "second_repl_offset", -1);
        line(s, "repl_backlog_active", 0);
        line(s, "repl_backlog_size", 1048576);
        line(s, "repl_backlog_first_byte_offset", 0);
        line(s, "repl_backlog_histlen", 0);
    }

    void cpu(StringBuilder s) {
        double[] cpu = ProcessStats.cpuSeconds();
        line(s, "used_cpu_sys", String.format(Locale.ROOT, "%.6f", cpu[0]));
        line(s, "used_cpu_user", String.format(Locale.ROOT, "%.6f", cpu[1]));
        line(s, "used_cpu_sys_children", String.format(Locale.ROOT, "%.6f", cpu[2]));
        line(s, "used_cpu_user_children", String.format(Locale.ROOT, "%.6f", cpu[3]));
    }

    static void line(StringBuilder s, String name, Object value) {
        s.append(name).append(':').append(value).append("\r\n");
    }

    /** Redis's bytesToHuman: 1023B, 1.00K, 1.50M... */
    static String human(long n) {
        if (n < 1024) {
            return n + "B";
        }
        String[] units = {"K", "M", "G", "T", "P"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f%s", v, units[u]);
    }

    private static String hex40() {
        StringBuilder b = new StringBuilder(40);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 40; i++) {
            b.append(Character.forDigit(r.nextInt(16), 16));
        }
        return b.toString();
    }
}
