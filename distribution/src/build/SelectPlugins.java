import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fills the distribution's plugins/ directory (run by the distribution build through antrun, as a
 * single-file Java program; no compilation step):
 *
 * <pre>
 *   java SelectPlugins.java --root REACTOR_DIR --version V --dist DIST_DIR --adapters all|none|redis,leveldb
 * </pre>
 *
 * Every directory {@code adapter-<name>} of the reactor is an adapter. A selected adapter goes into
 * {@code plugins/<name>/}: its jar and every jar of its runtime class path (as its own build wrote it
 * to {@code target/runtime-classpath.txt}) that {@code lib/} does not already hold, so the plugin
 * carries exactly the libraries only it needs. A module still of packaging {@code pom} (a
 * placeholder without code) is skipped under "all" and refused when named. Exit code 1 with the
 * reason when a selection cannot be met.
 */
public final class SelectPlugins {

    private static final Pattern POM_PACKAGING = Pattern.compile("<packaging>\\s*pom\\s*</packaging>");

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = options(args);
        Path root = Path.of(opts.get("--root")).toAbsolutePath().normalize();
        Path dist = Path.of(opts.get("--dist")).toAbsolutePath().normalize();
        String version = opts.get("--version");
        try {
            select(root, version, dist, opts.get("--adapters"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("SelectPlugins: " + e.getMessage());
            System.exit(1);
        }
    }

    static void select(Path root, String version, Path dist, String selection) throws IOException {
        Map<String, Path> known = adapterModules(root);
        boolean all = selection.isBlank() || selection.trim().equalsIgnoreCase("all");
        Set<String> wanted = all ? known.keySet() : parse(selection, known);
        Set<String> lib = fileNames(dist.resolve("lib"));
        if (lib.isEmpty()) {
            throw new IllegalStateException(dist.resolve("lib") + " is empty: the tree assembly must run first");
        }
        Path plugins = dist.resolve("plugins");
        deleteTree(plugins);
        Files.createDirectories(plugins);
        List<String> included = new ArrayList<>();
        for (String name : wanted) {
            Path module = known.get(name);
            if (POM_PACKAGING.matcher(Files.readString(module.resolve("pom.xml"))).find()) {
                if (!all) {
                    throw new IllegalArgumentException("adapter '" + name + "' has no code yet (" + module.getFileName()
                            + " is a placeholder of packaging pom); it cannot be included");
                }
                System.out.println("[plugins] " + name + ": skipped, " + module.getFileName() + " has no code yet");
                continue;
            }
            Path jar = module.resolve("target/dynoj-" + module.getFileName() + "-" + version + ".jar");
            Path classpath = module.resolve("target/runtime-classpath.txt");
            if (!Files.isRegularFile(jar) || !Files.isRegularFile(classpath)) {
                throw new IllegalStateException(module.getFileName() + " is not built (no " + root.relativize(jar)
                        + " or " + root.relativize(classpath) + "); build from the root: ./mvnw package -pl distribution -am");
            }
            Path target = Files.createDirectories(plugins.resolve(name));
            copy(jar, target);
            int libraries = 0;
            for (String entry : Files.readString(classpath).trim().split(java.io.File.pathSeparator)) {
                Path file = entry.isBlank() ? null : Path.of(entry.trim());
                if (file != null && Files.isRegularFile(file) && file.getFileName().toString().endsWith(".jar")
                        && !lib.contains(file.getFileName().toString())) {
                    copy(file, target);
                    libraries++;
                }
            }
            System.out.println("[plugins] " + name + ": " + jar.getFileName() + " + " + libraries + " librar"
                    + (libraries == 1 ? "y" : "ies") + " of its own");
            included.add(name);
        }
        System.out.println("[plugins] " + dist.getFileName() + "/plugins: " + included);
    }

    /** {@code adapter-<name>} directories holding a pom.xml, by name. */
    private static Map<String, Path> adapterModules(Path root) throws IOException {
        Map<String, Path> modules = new LinkedHashMap<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(d -> d.getFileName().toString().startsWith("adapter-") && Files.isRegularFile(d.resolve("pom.xml")))
                    .sorted()
                    .forEach(d -> modules.put(d.getFileName().toString().substring("adapter-".length()), d));
        }
        return modules;
    }

    private static Set<String> parse(String selection, Map<String, Path> known) {
        Set<String> wanted = new LinkedHashSet<>();
        if (selection.trim().equalsIgnoreCase("none")) {
            return wanted;
        }
        for (String part : selection.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!known.containsKey(name)) {
                throw new IllegalArgumentException("unknown adapter '" + name + "' in -Dadapters=" + selection
                        + "; the adapters are " + known.keySet() + " (or all, none)");
            }
            wanted.add(name);
        }
        return wanted;
    }

    private static Set<String> fileNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new LinkedHashSet<>(files.map(f -> f.getFileName().toString()).toList());
        }
    }

    private static void copy(Path file, Path dir) throws IOException {
        Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--root", "--version", "--dist", "--adapters")) {
            if (!opts.containsKey(required)) {
                System.err.println("usage: java SelectPlugins.java --root DIR --version V --dist DIR --adapters all|none|a,b");
                System.exit(2);
            }
        }
        return opts;
    }
}
