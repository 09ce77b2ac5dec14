package io.dynoj.core.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapters of a distribution: {@code plugins/<adapter>/*.jar}, each directory an adapter's jar
 * with the libraries only it needs (framework-core and its libraries are in {@code lib/}, on the
 * class path). One class loader over every plugin jar, child of framework-core's loader, so the
 * SPIs are shared and {@link java.util.ServiceLoader} finds the adapters through it. Removing a
 * directory removes that adapter.
 *
 * <p>A jar name found in two directories is loaded once (the first by directory name): two copies
 * of one adapter would register its services twice.
 */
public final class Plugins {

    private static final Logger log = LoggerFactory.getLogger(Plugins.class);

    private final Path directory;
    private final List<String> names;
    private final List<Path> jars;
    private final ClassLoader classLoader;

    private Plugins(Path directory, List<String> names, List<Path> jars, ClassLoader classLoader) {
        this.directory = directory;
        this.names = List.copyOf(names);
        this.jars = List.copyOf(jars);
        this.classLoader = classLoader;
    }

    /**
     * Reads {@code directory}: its sub-directories are plugins, their jars (and jars directly in
     * {@code directory}) are loaded. A missing directory means no plugins: lookups use the class
     * path alone, as in tests and IDEs.
     */
    public static Plugins scan(Path directory) {
        ClassLoader parent = Plugins.class.getClassLoader();
        if (directory == null || !Files.isDirectory(directory)) {
            return new Plugins(directory, List.of(), List.of(), parent);
        }
        List<String> names = new ArrayList<>();
        List<Path> jars = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path entry : sorted(directory)) {
            if (Files.isDirectory(entry)) {
                names.add(entry.getFileName().toString());
                sorted(entry).stream().filter(Plugins::isJar).forEach(jar -> add(jar, jars, seen));
            } else if (isJar(entry)) {
                names.add(entry.getFileName().toString());
                add(entry, jars, seen);
            }
        }
        URL[] urls = jars.stream().map(Plugins::url).toArray(URL[]::new);
        return new Plugins(directory, names, jars, new URLClassLoader("dynoj-plugins", urls, parent));
    }

    /**
     * Makes {@link ProviderLoader} and the current thread (whose context class loader the node's
     * threads inherit, for libraries that look classes up there) use these plugins.
     */
    public Plugins install() {
        ProviderLoader.useClassLoader(classLoader);
        Thread.currentThread().setContextClassLoader(classLoader);
        return this;
    }

    /** The plugins' names: their directory names under {@code plugins/}. */
    public List<String> names() {
        return names;
    }

    /** Every jar loaded, in load order. */
    public List<Path> jars() {
        return jars;
    }

    public ClassLoader classLoader() {
        return classLoader;
    }

    /** Where they were read from (may not exist). */
    public Path directory() {
        return directory;
    }

    private static void add(Path jar, List<Path> jars, Set<String> seen) {
        if (seen.add(jar.getFileName().toString())) {
            jars.add(jar);
        } else {
            log.debug("{} is in more than one plugin directory; loading it once", jar.getFileName());
        }
    }

    private static boolean isJar(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar");
    }

    private static List<Path> sorted(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plugin directory " + dir, e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(jar.toString(), e);
        }
    }
}
