package io.dynoj.core.admin;

import io.dynoj.core.config.AuthSettings;
import io.dynoj.core.config.Secret;

/**
 * Who may use the admin port: the bearer token from {@code admin_token_file} (none: no token is asked for, as
 * in Dynomite) and whether read-only endpoints answer without it ({@code admin_read_open}). Immutable;
 * {@link #toString()} shows no token.
 *
 * @param token the token, or {@code null}
 * @param readOpen whether endpoints that only read answer without the token
 */
public record AdminAccess(String token, boolean readOpen) {

    /** No token asked for (tests, tools). */
    public static final AdminAccess OPEN = new AdminAccess(null, true);

    /**
     * The access {@code settings} configure; the token file is read now.
     *
     * @throws IllegalArgumentException if the token file cannot be read or its first line is empty
     */
    public static AdminAccess of(AuthSettings settings) {
        if (settings.adminTokenFile() == null) {
            return new AdminAccess(null, settings.adminReadOpen());
        }
        String token = Secret.firstLine("admin_token_file", settings.adminTokenFile()).strip();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("admin_token_file " + settings.adminTokenFile() + " has no token on its "
                    + "first line");
        }
        return new AdminAccess(token, settings.adminReadOpen());
    }

    @Override
    public String toString() {
        return "AdminAccess[token=" + (token == null ? "none" : "(hidden)") + ", readOpen=" + readOpen + "]";
    }
}
