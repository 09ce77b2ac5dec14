package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What test suites and monitoring send first: FUNCTION, CONFIG, INFO on the engine. */
class AdminCommandsTest {

    @Test
    void functionsAreAlwaysNone() {
        try (EngineHarness h = new EngineHarness()) {
            assertThat(h.run("FUNCTION", "FLUSH")).isEqualTo("+OK\r\n");
            assertThat(h.run("FUNCTION", "flush", "async")).isEqualTo("+OK\r\n");
            assertThat(h.run("FUNCTION", "FLUSH", "later")).isEqualTo("-ERR FUNCTION FLUSH only supports SYNC|ASYNC option\r\n");
            assertThat(h.run("FUNCTION", "LIST")).isEqualTo("*0\r\n");
            assertThat(h.run("FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME", "x*")).isEqualTo("*0\r\n");
            assertThat(h.run("FUNCTION", "LIST", "foo")).isEqualTo("-ERR Unknown argument foo\r\n");
            assertThat(h.run("FUNCTION", "DELETE", "lib")).isEqualTo("-ERR Library not found\r\n");
            assertThat(h.run("FUNCTION", "LOAD", "code")).startsWith("-ERR FUNCTION LOAD is not supported");
            assertThat(h.run("FUNCTION", "nope")).isEqualTo("-ERR unknown subcommand 'nope'. Try FUNCTION HELP.\r\n");
            assertThat(h.run("FUNCTION", "STATS")).isEqualTo("*4\r\n$14\r\nrunning_script\r\n$-1\r\n$7\r\nengines\r\n"
                    + "*2\r\n$3\r\nLUA\r\n*4\r\n$15\r\nlibraries_count\r\n:0\r\n$15\r\nfunctions_count\r\n:0\r\n");
        }
    }

    @Test
    void configGetAnswersNamesAliasesAndPatternsAsRedis() {
        try (EngineHarness h = new EngineHarness()) {
            assertThat(h.run("CONFIG", "GET", "MAXMEMORY")).isEqualTo("*2\r\n$9\r\nMAXMEMORY\r\n$1\r\n0\r\n");
            assertThat(h.run("CONFIG", "GET", "hash-max-ziplist-entries")).isEqualTo("*2\r\n$24\r\nhash-max-ziplist-entries\r\n$3\r\n512\r\n");
            assertThat(h.run("CONFIG", "GET", "hash-max-*")).contains("hash-max-listpack-entries", "hash-max-ziplist-value").startsWith("*8\r\n");
            assertThat(h.run("CONFIG", "GET", "maxmemory", "maxmemory*", "nope")).as("no duplicates").startsWith("*8\r\n");
            assertThat(h.run("CONFIG", "GET", "save", "appendonly", "databases"))
                    .isEqualTo("*6\r\n$4\r\nsave\r\n$0\r\n\r\n$10\r\nappendonly\r\n$2\r\nno\r\n$9\r\ndatabases\r\n$1\r\n1\r\n");
            assertThat(h.run("CONFIG", "GET")).isEqualTo("-ERR wrong number of arguments for 'config|get' command\r\n");
        }
    }

    @Test
    void configSetChangesTunablesAndOnlyConfirmsTheNodesFacts() {
        try (EngineHarness h = new EngineHarness()) {
            assertThat(h.run("CONFIG", "SET", "zset-max-ziplist-entries", "0", "hash-max-listpack-value", "1kb")).isEqualTo("+OK\r\n");
            assertThat(h.run("CONFIG", "GET", "zset-max-listpack-entries")).endsWith("$1\r\n0\r\n");
            assertThat(h.run("CONFIG", "GET", "hash-max-ziplist-value")).endsWith("$4\r\n1024\r\n");
            assertThat(h.run("CONFIG", "SET", "save", "")).as("the value it has").isEqualTo("+OK\r\n");
            assertThat(h.run("CONFIG", "SET", "daemonize", "no")).as("immutable in Redis, whatever the value")
                    .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable config\r\n");
            assertThat(h.run("CONFIG", "SET", "maxmemory", "100mb")).isEqualTo("-ERR CONFIG SET failed (possibly related to "
                    + "argument 'maxmemory') - Dynoj's embedded datastore fixes it at '0'\r\n");
            assertThat(h.run("CONFIG", "SET", "maxmemory", "lots")).isEqualTo("-ERR CONFIG SET failed (possibly related to "
                    + "argument 'maxmemory') - argument must be a memory value\r\n");
            assertThat(h.run("CONFIG", "SET", "list-compress-depth", "-1")).isEqualTo("-ERR CONFIG SET failed (possibly related "
                    + "to argument 'list-compress-depth') - argument must be between 0 and 2147483647 inclusive\r\n");
            assertThat(h.run("CONFIG", "SET", "activerehashing", "maybe")).endsWith("argument must be 'yes' or 'no'\r\n");
            assertThat(h.run("CONFIG", "SET", "foo", "1")).isEqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'foo'\r\n");
            assertThat(h.run("CONFIG", "SET", "hz", "10", "hz", "10")).endsWith("- duplicate parameter\r\n");
            assertThat(h.run("CONFIG", "SET", "hz", "10", "x")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.run("CONFIG", "SET", "set-max-intset-entries", "7", "maxmemory", "1")).startsWith("-ERR CONFIG SET failed");
            assertThat(h.run("CONFIG", "GET", "set-max-intset-entries")).as("all or nothing").endsWith("$3\r\n512\r\n");
            assertThat(h.run("CONFIG", "RESETSTAT")).isEqualTo("+OK\r\n");
            assertThat(h.run("CONFIG", "REWRITE")).isEqualTo("-ERR The server is running without a config file\r\n");
            assertThat(h.run("CONFIG", "FOO")).isEqualTo("-ERR unknown subcommand 'FOO'. Try CONFIG HELP.\r\n");
        }
    }

    @Test
    void infoHasTheSectionsToolsReadAndCountsKeys() {
        try (EngineHarness h = new EngineHarness()) {
            h.run("SET", "a", "1");
            h.run("SET", "b", "1", "PX", "10000");
            h.run("SET", "gone", "1", "PX", "10");
            h.advance(20);
            String info = h.run("INFO");
            assertThat(info).contains("# Server\r\nredis_version:7.0.15\r\n", "\r\n\r\n# Clients\r\nconnected_clients:",
                    "# Memory\r\nused_memory:", "# Persistence\r\nloading:0", "# Stats\r\n", "role:master",
                    "# CPU\r\nused_cpu_sys:", "used_cpu_user_children:", "# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=9980\r\n");
            assertThat(info).doesNotContain("rejected_calls", "# Commandstats");
            String all = h.run("INFO", "all");
            assertThat(all).contains("# Commandstats", "# Latencystats", "# Keyspace");
            String cpu = h.run("INFO", "CPU", "sentinel");
            assertThat(cpu).startsWith("$").contains("# CPU\r\n").doesNotContain("used_memory", "# Server");
            assertThat(h.run("INFO", "cpu", "default")).contains("used_cpu_user", "master_repl_offset")
                    .doesNotContain("used_cpu_user_children:0.000000\r\nused_cpu_user_children");
            assertThat(h.run("INFO", "sentinel")).isEqualTo("$0\r\n\r\n");
            assertThat(h.run("INFO", "keyspace", "everything")).contains("# Modules", "# Keyspace");
        }
    }
}
