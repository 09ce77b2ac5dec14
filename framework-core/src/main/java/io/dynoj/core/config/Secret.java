package io.dynoj.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A password or token from the configuration: written in the file, read from another file (its first line),
 * or from an environment variable. {@link #toString()} says only where it came from, so a secret that ends up
 * in a log line or an exception message shows as {@code requirepass_file /etc/dynoj/pw (hidden)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Secret {

    private final String value;
    private final String source;

    private Secret(String value, String source) {
        this.value = value;
        this.source = source;
    }

    /** A secret given in code (tests, tools). */
    public static Secret of(String value, String source) {
        return new Secret(value, source);
    }

    /**
     * The secret called {@code key}, from at most one of {@code value} (key {@code key}), {@code file}
     * ({@code key_file}: the file's first line, as editors and {@code echo pw > file} add a newline that is not
     * part of it) and {@code envName} ({@code key_env}); {@code null} when none is given.
     *
     * @throws IllegalArgumentException naming the key when more than one is given, the file cannot be read,
     *     the variable is not set, or the secret is empty
     */
    public static Secret resolve(String key, String value, String file, String envName, UnaryOperator<String> env) {
        List<String> given = new ArrayList<>();
        if (value != null) {
            given.add(key);
        }
        if (file != null) {
            given.add(key + "_file");
        }
        if (envName != null) {
            given.add(key + "_env");
        }
        if (given.size() > 1) {
            throw new IllegalArgumentException("give only one of " + given);
        }
        if (given.isEmpty()) {
            return null;
        }
        Secret secret;
        if (file != null) {
            secret = new Secret(firstLine(key, Path.of(file)), key + "_file " + file);
        } else if (envName != null) {
            String v = env.apply(envName);
            if (v == null) {
                throw new IllegalArgumentException(key + "_env names " + envName + ", which is not set");
            }
            secret = new Secret(v, key + "_env " + envName);
        } else {
            secret = new Secret(value, key);
        }
        if (secret.value.isEmpty()) {
            throw new IllegalArgumentException(secret + " is empty");
        }
        return secret;
    }

    /** The first line of {@code file}: the secret in a file of its own (a password, a token). */
    public static String firstLine(String key, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + key + " " + file + ": " + e, e);
        }
    }

    /** The secret itself: compare it, send it; never log it. */
    public String value() {
        return value;
    }

    /** The secret's UTF-8 bytes. */
    public byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Where the secret came from, never the secret. */
    @Override
    public String toString() {
        return source + " (hidden)";
    }
}
