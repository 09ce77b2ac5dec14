package io.dynoj.core.tls;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link SslContext} rebuilt when its PEM files change: {@link #current()} is what a new connection
 * uses; connections already open keep the context they started with. {@link #check()} compares a digest of
 * the files' contents with that of the last attempt (modification times are too coarse: a certificate
 * rewritten within the same clock tick at the same size would be missed); a change is rebuilt and logged once, and a
 * build that fails (a key replaced before its certificate, a truncated file) is logged once and the
 * previous context kept, until the files change again.
 *
 * <p>Thread-safe: {@link #current()} is a volatile read, {@link #check()} is called by one scheduled task.
 */
public final class ReloadingContext {

    private static final Logger log = LoggerFactory.getLogger(ReloadingContext.class);

    private final String name;
    private final List<Path> files;
    private final Supplier<SslContext> build;
    private volatile SslContext current;
    private List<String> stamp;

    /**
     * Builds the first context now (a failure throws: a node does not start without its certificates).
     *
     * @param name what the context is for, in log lines ({@code "client port"}, {@code "peer links"})
     * @param files the files it is made of ({@code null}s are skipped)
     */
    ReloadingContext(String name, List<Path> files, Supplier<SslContext> build) {
        this.name = name;
        this.files = files.stream().filter(Objects::nonNull).toList();
        this.build = build;
        this.stamp = stamp();
        this.current = build.get();
    }

    /** The context new connections use. */
    public SslContext current() {
        return current;
    }

    /** Rebuilds the context if a file changed since the last attempt; true if it was replaced. */
    boolean check() {
        List<String> now = stamp();
        if (now.equals(stamp)) {
            return false;
        }
        stamp = now;
        try {
            current = build.get();
            log.info("TLS: reloaded the certificates of the {} from {}; new connections use them", name, files);
            return true;
        } catch (RuntimeException e) {
            log.warn("TLS: the certificates of the {} changed but cannot be loaded ({}); keeping the previous ones",
                    name, e.getMessage());
            return false;
        }
    }

    private List<String> stamp() {
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            } catch (IOException | NoSuchAlgorithmException e) {
                out.add(f + " missing");
            }
        }
        return out;
    }
}
