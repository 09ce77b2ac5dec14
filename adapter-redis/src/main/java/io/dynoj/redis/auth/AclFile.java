package io.dynoj.redis.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Redis ACL users from a file ({@code acl_file}), one per line as Redis's own {@code aclfile} writes
 * them: {@code user <name> <rule> <rule>...} with the rules of {@link AclRules}. Blank lines and lines starting
 * with {@code #} (comments; Redis has none) are skipped. Stateless.
 */
final class AclFile {

    private AclFile() {
    }

    /** The users of {@code file} by name; an {@link IllegalArgumentException} names the file, line and rule. */
    static Map<String, AclUser> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("acl_file: cannot read " + file + ": " + e, e);
        }
        return parse(lines, "acl_file " + file);
    }

    /** The users of {@code lines}; {@code where} starts each error message. */
    static Map<String, AclUser> parse(List<String> lines, String where) {
        Map<String, AclUser> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            String at = where + " line " + (i + 1) + ": ";
            if (!words[0].equals("user") || words.length < 2) {
                throw new IllegalArgumentException(at + "a line must be 'user <name> <rules>...'");
            }
            String name = words[1];
            if (users.containsKey(name)) {
                throw new IllegalArgumentException(at + "Duplicate user '" + name + "' found");
            }
            AclRules rules = new AclRules(name, AclCategories.standard());
            for (int w = 2; w < words.length; w++) {
                try {
                    rules.apply(words[w]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(at + e.getMessage(), e);
                }
            }
            users.put(name, rules.build());
        }
        return users;
    }
}
