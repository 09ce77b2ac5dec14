package io.dynoj.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Password hashing and comparison for client and admin authentication: SHA-256 in lower-case hex, as Redis
 * stores ACL passwords ({@code #<hex>} in an ACL file), and comparisons whose time does not depend on where
 * the inputs first differ. Stateless, thread-safe.
 */
public final class Passwords {

    private Passwords() {
    }

    /** SHA-256 of {@code password}, 64 lower-case hex digits. */
    public static String sha256Hex(byte[] password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether {@code given} equals {@code expected}, in a time that depends only on their lengths. */
    public static boolean matches(byte[] given, byte[] expected) {
        return MessageDigest.isEqual(given, expected);
    }

    /** {@link #matches(byte[], byte[])} of two strings' UTF-8 bytes. */
    public static boolean matches(String given, String expected) {
        return given != null && expected != null
                && matches(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
