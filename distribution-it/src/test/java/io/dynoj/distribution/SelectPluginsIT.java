package io.dynoj.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * distribution/src/build/SelectPlugins.java on a made-up reactor: an adapter with libraries of its
 * own and one shared with lib/, a placeholder module (packaging pom), a module not built.
 */
class SelectPluginsIT {

    private static final String V = "1.0";

    @TempDir
    Path root;

    private Path dist;

    @BeforeEach
    void reactor() throws IOException {
        Path repo = Files.createDirectories(root.resolve("repo"));
        Path shared = Files.writeString(repo.resolve("netty-common-4.jar"), "x");
        Path own = Files.writeString(repo.resolve("leveldbjni-all-1.8.jar"), "x");
        module("leveldb", "jar");
        Files.writeString(root.resolve("adapter-leveldb/target/dynoj-adapter-leveldb-" + V + ".jar"), "x");
        Files.writeString(root.resolve("adapter-leveldb/target/runtime-classpath.txt"),
                shared + ":" + own + ":" + root.resolve("core/target/classes") + "\n");
        module("mysql", "pom");
        module("unbuilt", "jar");
        dist = Files.createDirectories(root.resolve("dist/lib"));
        Files.writeString(dist.resolve("netty-common-4.jar"), "x");
        dist = dist.getParent();
        Files.createDirectories(dist.resolve("plugins/stale"));
    }

    @Test
    void anAdapterGetsItsJarAndOnlyTheLibrariesLibDoesNotHave() throws IOException {
        Dist.Result r = select("leveldb");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(list(dist.resolve("plugins"))).containsExactly("leveldb"); // stale directories go
        assertThat(list(dist.resolve("plugins/leveldb")))
                .containsExactlyInAnyOrder("dynoj-adapter-leveldb-" + V + ".jar", "leveldbjni-all-1.8.jar");
        assertThat(r.stdout()).contains("leveldb: dynoj-adapter-leveldb-1.0.jar + 1 library of its own");
    }

    @Test
    void allSkipsPlaceholdersButNeedsEveryModuleWithCodeBuilt() {
        Dist.Result r = select("all");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stdout()).contains("mysql: skipped, adapter-mysql has no code yet");
        assertThat(r.stderr()).contains("adapter-unbuilt is not built");
    }

    @Test
    void namingAPlaceholderOrAnUnknownAdapterFails() {
        Dist.Result placeholder = select("leveldb,mysql");
        assertThat(placeholder.exit()).isEqualTo(1);
        assertThat(placeholder.stderr()).contains("adapter 'mysql' has no code yet");
        Dist.Result unknown = select("rocksdb");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.stderr()).contains("unknown adapter 'rocksdb'", "[leveldb, mysql, unbuilt]");
    }

    @Test
    void noneLeavesPluginsEmpty() throws IOException {
        assertThat(select("none").exit()).isZero();
        assertThat(list(dist.resolve("plugins"))).isEmpty();
    }

    private void module(String name, String packaging) throws IOException {
        Path dir = Files.createDirectories(root.resolve("adapter-" + name + "/target"));
        Files.writeString(dir.getParent().resolve("pom.xml"), "<project><packaging>" + packaging + "</packaging></project>");
    }

    private Dist.Result select(String adapters) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Dist.exec(root, List.of(java.toString(),
                Dist.reactor().resolve("distribution/src/build/SelectPlugins.java").toString(),
                "--root", root.toString(), "--version", V, "--dist", dist.toString(), "--adapters", adapters));
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
