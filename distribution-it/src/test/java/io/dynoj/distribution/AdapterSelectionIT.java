package io.dynoj.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A distribution without an adapter: removing its plugin directory removes it, and a distribution
 * assembled with -Dadapters=... (the build's SelectPlugins step) holds only those; a configuration
 * that needs a missing adapter is refused with the list of the ones present.
 */
class AdapterSelectionIT {

    @TempDir
    Path dir;

    private static final String REDIS_NODE = """
            dyn_o_mite:
              listen: 127.0.0.1:8102
              servers:
              - 127.0.0.1:6379:1
            """;

    @Test
    void removingAPluginDirectoryRemovesThatAdapter() throws IOException {
        Path home = Dist.unpack(dir);
        deleteTree(home.resolve("plugins/redis"));
        Path config = Files.writeString(dir.resolve("redis.yml"), REDIS_NODE);

        Dist.Result check = Dist.dynoj(home, "check-config", config.toString());
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.stderr()).contains("no protocol adapter named 'redis' is installed; found: [memcached]");

        Dist.Result run = Dist.dynoj(home, "-c", config.toString()); // the node itself refuses to start
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).contains("no protocol adapter named 'redis' is installed; found: [memcached]");
    }

    @Test
    void aDistributionAssembledWithChosenAdaptersHoldsOnlyThose() throws IOException {
        Path home = Dist.unpack(dir);

        Dist.Result select = selectPlugins(home, "memcached");
        assertThat(select.exit()).as(select.stderr()).isZero();
        try (Stream<Path> plugins = Files.list(home.resolve("plugins"))) {
            assertThat(plugins.map(p -> p.getFileName().toString())).containsExactly("memcached");
        }
        Path config = Files.writeString(dir.resolve("redis.yml"), REDIS_NODE);
        Dist.Result check = Dist.dynoj(home, "check-config", config.toString());
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.stderr()).contains("found: [memcached]");

        Dist.Result memcached = Dist.dynoj(home, "check-config", Files.writeString(dir.resolve("mc.yml"), """
                dyn_o_mite:
                  listen: 127.0.0.1:8102
                  data_store: 1
                  servers:
                  - 127.0.0.1:11211:1
                """).toString());
        assertThat(memcached.exit()).as(memcached.stderr()).isZero();
        assertThat(memcached.stdout()).contains("datastore types [memcached, memory]");
    }

    @Test
    void anUnknownAdapterNameFailsTheAssemblyWithTheKnownOnes() {
        Path home = Dist.unpack(dir);
        Dist.Result select = selectPlugins(home, "redis,nosuch");
        assertThat(select.exit()).isEqualTo(1);
        assertThat(select.stderr()).contains("unknown adapter 'nosuch'").contains("memcached", "redis");
    }

    /** What the distribution build runs for -Dadapters=SELECTION, on an unpacked tree. */
    private static Dist.Result selectPlugins(Path home, String selection) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Dist.exec(home, List.of(java.toString(),
                Dist.reactor().resolve("distribution/src/build/SelectPlugins.java").toString(),
                "--root", Dist.reactor().toString(), "--version", Dist.version(),
                "--dist", home.toString(), "--adapters", selection));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
