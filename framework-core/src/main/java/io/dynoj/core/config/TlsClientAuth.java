package io.dynoj.core.config;

import java.util.Locale;

/** {@code tls_client_auth}: whether TLS clients must present a certificate signed by {@code tls_ca_file}. */
public enum TlsClientAuth {
    /** No certificate asked for (clients authenticate with AUTH, if at all). */
    NONE,
    /** Asked for; a client without one is accepted, one with a certificate the CA did not sign is not. */
    OPTIONAL,
    /** Required (Redis's {@code tls-auth-clients yes}). */
    REQUIRE;

    /**
     * {@code none}, {@code optional} or {@code require}; Redis's {@code no} and {@code yes} too, which YAML
     * reads as {@code false} and {@code true}.
     */
    public static TlsClientAuth parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "none", "no", "false" -> NONE;
            case "optional" -> OPTIONAL;
            case "require", "yes", "true" -> REQUIRE;
            default -> throw new IllegalArgumentException("expected none, optional or require, got '" + text + "'");
        };
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
