package io.dynoj.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.plugin.ProviderLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {

    @TempDir
    Path dir;

    private final ClassLoader before = ProviderLoader.classLoader();
    private final ClassLoader contextBefore = Thread.currentThread().getContextClassLoader();

    @AfterEach
    void restore() {
        ProviderLoader.useClassLoader(before);
        Thread.currentThread().setContextClassLoader(contextBefore);
    }

    @Test
    void everyJarOfEveryPluginDirectoryIsLoadedOnce() throws IOException {
        jar(dir.resolve("alpha/alpha-1.jar"), "alpha.txt");
        jar(dir.resolve("alpha/shared-1.jar"), "shared.txt");
        jar(dir.resolve("beta/beta-1.jar"), "beta.txt");
        jar(dir.resolve("beta/shared-1.jar"), "shared.txt"); // same library in two plugins
        Files.writeString(dir.resolve("beta/README"), "not a jar");

        Plugins plugins = Plugins.scan(dir);

        assertThat(plugins.names()).containsExactly("alpha", "beta");
        assertThat(plugins.jars()).extracting(p -> dir.relativize(p).toString())
                .containsExactly("alpha/alpha-1.jar", "alpha/shared-1.jar", "beta/beta-1.jar");
        assertThat(plugins.classLoader().getResource("beta.txt")).isNotNull();
        assertThat(plugins.classLoader().getParent()).isSameAs(Plugins.class.getClassLoader());
    }

    @Test
    void installMakesProviderLookupsGoThroughThePlugins() throws IOException {
        jar(dir.resolve("alpha/alpha-1.jar"), "alpha.txt");
        Plugins plugins = Plugins.scan(dir).install();
        assertThat(ProviderLoader.classLoader()).isSameAs(plugins.classLoader());
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(plugins.classLoader());
        // The core's own providers stay visible through the plugins' parent.
        assertThat(ProviderLoader.datastoreTypes()).contains("memory");
    }

    @Test
    void noDirectoryMeansTheClassPathAlone() {
        Plugins plugins = Plugins.scan(dir.resolve("missing"));
        assertThat(plugins.names()).isEmpty();
        assertThat(plugins.classLoader()).isSameAs(Plugins.class.getClassLoader());
        assertThat(Plugins.scan(null).names()).isEmpty();
    }

    private static void jar(Path file, String resource) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream os = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(os)) {
            jar.putNextEntry(new JarEntry(resource));
            jar.write("x".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }
}
