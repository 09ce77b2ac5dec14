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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the PEM files of the node's contexts and rebuilds them all when one changes. {@link #check()}
 * compares a digest of the files' contents with that of the last attempt (modification times are too
 * coarse: a certificate rewritten within one clock tick at the same size would be missed). A change is
 * logged once; contexts that cannot be built from the new files (a key replaced before its certificate, a
 * truncated file) are logged once and the previous ones kept, until the files change again.
 *
 * <p>Not thread-safe: {@link #check()} is called by one thread at a time.
 */
final class CertificateFiles {

    private static final Logger log = LoggerFactory.getLogger(CertificateFiles.class);

    private final List<Path> files;
    private final List<ReloadingContext> contexts;
    private List<String> stamp;

    /** @param files the files the contexts are made of ({@code null}s are skipped) */
    CertificateFiles(List<Path> files, List<ReloadingContext> contexts) {
        this.files = files.stream().filter(Objects::nonNull).distinct().toList();
        this.contexts = contexts.stream().filter(Objects::nonNull).toList();
        this.stamp = stamp();
    }

    /** Rebuilds every context if a file changed since the last attempt; true if they were replaced. */
    boolean check() {
        List<String> now = stamp();
        if (now.equals(stamp)) {
            return false;
        }
        stamp = now;
        try {
            // All or none: every context is built before any is used, so a failure leaves them all as they were.
            List<SslContext> built = contexts.stream().map(ReloadingContext::build).toList();
            for (int i = 0; i < built.size(); i++) {
                contexts.get(i).use(built.get(i));
            }
            log.info("TLS: reloaded the certificates from {}; new connections use them", files);
            return true;
        } catch (RuntimeException e) {
            log.warn("TLS: {} changed but cannot be loaded ({}); keeping the previous certificates until they change again",
                    files, e.getMessage());
            return false;
        }
    }

    private List<String> stamp() {
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            } catch (IOException | NoSuchAlgorithmException e) {
                out.add(f + " unreadable");
            }
        }
        return out;
    }
}
