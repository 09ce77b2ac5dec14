package io.dynoj.memcached.protocol;

import io.dynoj.core.config.AuthSettings;
import io.dynoj.core.spi.AuthState;
import io.dynoj.core.spi.ClientAuthenticator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * memcached 1.6's {@code -Y auth_file} for the text protocol, on one node ({@code auth_file}): a file of
 * {@code user:password} lines; a client's first command must be {@code set <any key> <flags> <exptime> <bytes>}
 * with {@code user password} as its data ({@link MemcachedAuthState}). memcached's SASL is binary-protocol only,
 * and Dynoj serves the text protocol. Immutable, thread-safe.
 */
final class MemcachedAuthenticator implements ClientAuthenticator {

    private final Map<String, byte[]> passwords;

    MemcachedAuthenticator(Map<String, byte[]> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    /**
     * The authenticator {@code settings} ask for with {@code auth_file}, or {@code null} without one.
     *
     * @throws IllegalArgumentException for an unreadable or malformed file, or Redis's requirepass/acl_file
     */
    static MemcachedAuthenticator of(AuthSettings settings) {
        if (settings.requirepass() != null || settings.aclFile() != null) {
            throw new IllegalArgumentException("requirepass and acl_file are Redis's; the memcached protocol uses "
                    + "auth_file");
        }
        if (settings.authFile() == null) {
            return null;
        }
        try {
            return parse(Files.readAllLines(settings.authFile(), StandardCharsets.UTF_8),
                    "auth_file " + settings.authFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("auth_file: cannot read " + settings.authFile() + ": " + e, e);
        }
    }

    /** The users of {@code lines}, {@code user:password} each (blank lines skipped); {@code where} names the source. */
    static MemcachedAuthenticator parse(List<String> lines, String where) {
        Map<String, byte[]> passwords = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(where + " line " + (i + 1) + ": expected user:password");
            }
            passwords.put(line.substring(0, colon), line.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        }
        if (passwords.isEmpty()) {
            throw new IllegalArgumentException(where + " has no user:password line");
        }
        return new MemcachedAuthenticator(passwords);
    }

    @Override
    public AuthState newConnection() {
        return new MemcachedAuthState(this);
    }

    /** The password of {@code user}, or {@code null}. */
    byte[] password(String user) {
        return passwords.get(user);
    }
}
