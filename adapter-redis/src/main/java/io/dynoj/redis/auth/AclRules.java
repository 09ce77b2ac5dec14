package io.dynoj.redis.auth;

import io.dynoj.core.auth.Passwords;
import io.dynoj.redis.engine.Glob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds an {@link AclUser} by applying Redis ACL rules in order, as {@code ACL SETUSER} does: a new user is
 * off, with no password, no command and no key. The subset Dynoj understands: {@code on off nopass resetpass
 * >password <password #sha256hex !sha256hex ~pattern allkeys resetkeys +command -command +container|sub
 * +@category -@category allcommands nocommands reset}, and the channel rules {@code &pattern allchannels
 * resetchannels}, accepted and not enforced. Anything else is refused with Redis's message. Not thread-safe.
 */
final class AclRules {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final String name;
    private final AclCategories categories;
    private boolean enabled;
    private boolean nopass;
    private final Set<String> hashes = new HashSet<>();
    private final Set<String> commands = new HashSet<>();
    private final List<byte[]> keyPatterns = new ArrayList<>();

    AclRules(String name, AclCategories categories) {
        this.name = name;
        this.categories = categories;
    }

    /** Applies {@code rule}; throws an {@link IllegalArgumentException} with Redis's message if it is not valid. */
    AclRules apply(String rule) {
        String lower = rule.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "on" -> enabled = true;
            case "off" -> enabled = false;
            case "nopass" -> {
                nopass = true;
                hashes.clear();
            }
            case "resetpass" -> {
                nopass = false;
                hashes.clear();
            }
            case "allkeys" -> keyPatterns.add(new byte[] {'*'});
            case "resetkeys" -> keyPatterns.clear();
            case "allchannels", "resetchannels" -> { } // pub/sub channels: not enforced
            case "allcommands" -> commands.addAll(categories.names());
            case "nocommands" -> commands.clear();
            case "reset" -> {
                enabled = false;
                nopass = false;
                hashes.clear();
                commands.clear();
                keyPatterns.clear();
            }
            default -> applyWithArgument(rule);
        }
        return this;
    }

    private void applyWithArgument(String rule) {
        char first = rule.isEmpty() ? ' ' : rule.charAt(0);
        String rest = rule.isEmpty() ? "" : rule.substring(1);
        switch (first) {
            case '>' -> {
                hashes.add(Passwords.sha256Hex(rest.getBytes(StandardCharsets.UTF_8)));
                nopass = false;
            }
            case '<' -> hashes.remove(Passwords.sha256Hex(rest.getBytes(StandardCharsets.UTF_8)));
            case '#' -> {
                hashes.add(hash(rule, rest));
                nopass = false;
            }
            case '!' -> hashes.remove(hash(rule, rest));
            case '~' -> keyPatterns.add(rest.getBytes(StandardCharsets.UTF_8));
            case '&' -> { } // a channel pattern: not enforced
            case '+', '-' -> commands(rule, first == '+', rest.toLowerCase(Locale.ROOT));
            case '%' -> throw error(rule, "key permissions %R~/%W~ are not supported by Dynoj; use ~pattern");
            case '(' -> throw error(rule, "selectors are not supported by Dynoj");
            default -> throw error(rule, "Syntax error");
        }
    }

    private static String hash(String rule, String hex) {
        if (!HASH.matcher(hex).matches()) {
            throw error(rule, "The password hash must be exactly 64 characters and contain only lowercase hexadecimal "
                    + "characters");
        }
        return hex;
    }

    private void commands(String rule, boolean add, String what) {
        List<String> selected = new ArrayList<>();
        if (what.startsWith("@")) {
            String category = what.substring(1);
            if (!categories.isCategory(category)) {
                throw error(rule, "Unknown command or category name in ACL");
            }
            for (String command : categories.names()) {
                if (categories.inCategory(command, category)) {
                    selected.add(command);
                }
            }
        } else {
            if (!categories.isCommand(what)) {
                throw error(rule, "Unknown command or category name in ACL");
            }
            selected.add(what);
            if (categories.hasSubcommands(what)) { // +config allows every CONFIG subcommand
                for (String command : categories.names()) {
                    if (command.startsWith(what + "|")) {
                        selected.add(command);
                    }
                }
            }
        }
        if (add) {
            commands.addAll(selected);
        } else {
            commands.removeAll(selected);
        }
    }

    private static IllegalArgumentException error(String rule, String reason) {
        return new IllegalArgumentException("Error in ACL SETUSER modifier '" + rule + "': " + reason);
    }

    AclUser build() {
        boolean allCommands = commands.containsAll(categories.names());
        boolean allKeys = keyPatterns.stream().anyMatch(p -> p.length == 1 && p[0] == '*');
        List<Glob> globs = keyPatterns.stream().map(Glob::of).toList();
        return new AclUser(name, enabled, nopass, hashes, allCommands, commands, allKeys, globs);
    }
}
