package io.dynoj.redis.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Redis's ACL categories of every command and subcommand ({@code get}: read, string, fast; {@code config|get}:
 * admin, slow, dangerous), from {@code acl-categories.tsv}, which is Redis 7's own COMMAND output
 * ({@code gen-acl-categories.py}), plus Dynoj's own connection commands. A rule such as {@code +@read}
 * selects exactly the commands Redis's would. Immutable, thread-safe.
 */
final class AclCategories {

    private static final AclCategories STANDARD = load();

    /** Name (a subcommand as {@code container|sub}) → its categories. */
    private final Map<String, Set<String>> byName;
    private final Set<String> categories;
    private final Set<String> containers;

    private AclCategories(Map<String, Set<String>> byName) {
        this.byName = Map.copyOf(byName);
        Set<String> all = new HashSet<>();
        Set<String> parents = new HashSet<>();
        byName.forEach((name, cats) -> {
            all.addAll(cats);
            int bar = name.indexOf('|');
            if (bar > 0) {
                parents.add(name.substring(0, bar));
            }
        });
        all.add("all");
        this.categories = Set.copyOf(all);
        this.containers = Set.copyOf(parents);
    }

    static AclCategories standard() {
        return STANDARD;
    }

    /** Every command and subcommand name an ACL rule may name. */
    Set<String> names() {
        return byName.keySet();
    }

    boolean isCommand(String name) {
        return byName.containsKey(name);
    }

    boolean isCategory(String category) {
        return categories.contains(category);
    }

    /** Whether {@code name} (a command, or a {@code container|sub}) is in {@code category}; {@code all} holds all. */
    boolean inCategory(String name, String category) {
        return "all".equals(category) || byName.getOrDefault(name, Set.of()).contains(category);
    }

    /** Whether {@code command} has subcommands (CONFIG, CLIENT, ACL...), each with categories of its own. */
    boolean hasSubcommands(String command) {
        return containers.contains(command);
    }

    private static AclCategories load() {
        Map<String, Set<String>> byName = new HashMap<>();
        try (InputStream in = AclCategories.class.getResourceAsStream("/io/dynoj/redis/acl-categories.tsv")) {
            if (in == null) {
                throw new IllegalStateException("acl-categories.tsv is missing from the adapter-redis jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.split("\t");
                    byName.put(f[0], "-".equals(f[1]) ? Set.of() : Set.of(f[1].split(",")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Dynoj's and Dynomite's own commands change only the client's connection, like CLIENT SETNAME.
        byName.put("dynoj", Set.of("slow", "connection"));
        byName.put("dyno_config:conn_consistency", Set.of("fast", "connection"));
        return new AclCategories(byName);
    }
}
