package io.dynoj.redis.auth;

import io.dynoj.core.auth.Passwords;
import io.dynoj.redis.engine.Glob;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * One Redis ACL user, as its rules left it ({@link AclRules}): enabled or not, its passwords (SHA-256 hex, as
 * Redis keeps them) or {@code nopass}, the commands and subcommands it may run, the key patterns it may touch.
 * Immutable, thread-safe: every connection authenticated as it shares it.
 *
 * @param commands allowed command names, subcommands as {@code container|sub}; ignored when {@code allCommands}
 * @param keyPatterns Redis globs over key bytes; ignored when {@code allKeys}
 */
record AclUser(String name, boolean enabled, boolean nopass, Set<String> passwordHashes, boolean allCommands,
               Set<String> commands, boolean allKeys, List<Glob> keyPatterns) {

    AclUser {
        passwordHashes = Set.copyOf(passwordHashes);
        commands = Set.copyOf(commands);
        keyPatterns = List.copyOf(keyPatterns);
    }

    /** Whether the user may run every command on every key: then nothing is checked per request. */
    boolean unrestricted() {
        return allCommands && allKeys;
    }

    /** Whether {@code password} lets a client in as this user (enabled, and {@code nopass} or a matching hash). */
    boolean accepts(byte[] password) {
        if (!enabled) {
            return false;
        }
        if (nopass) {
            return true;
        }
        byte[] hash = Passwords.sha256Hex(password).getBytes(StandardCharsets.US_ASCII);
        boolean found = false;
        for (String stored : passwordHashes) { // no early exit: the time says nothing about which one matched
            found |= Passwords.matches(hash, stored.getBytes(StandardCharsets.US_ASCII));
        }
        return found;
    }

    /** Whether the user may run {@code name}: a command, or a subcommand as {@code container|sub}. */
    boolean mayRun(String name) {
        return allCommands || commands.contains(name);
    }

    /** Whether the user may touch {@code key} (a slice of a request's frame, not consumed). */
    boolean mayAccess(ByteBuf key) {
        if (allKeys) {
            return true;
        }
        byte[] bytes = ByteBufUtil.getBytes(key);
        for (Glob pattern : keyPatterns) {
            if (pattern.matches(bytes)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "AclUser[" + name + (enabled ? " on" : " off") + "]"; // no password hashes in logs
    }
}
