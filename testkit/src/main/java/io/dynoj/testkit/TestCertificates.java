package io.dynoj.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority made for a test with the {@code openssl} command, and certificates it issues,
 * as PEM files in a directory: what TLS configurations ({@code tls_cert_file}, {@code tls_key_file},
 * {@code tls_ca_file}), {@code redis-server --tls-*} and {@code redis-cli --tls} read. Keys are EC P-256,
 * PKCS#8, unencrypted; every certificate names {@code 127.0.0.1} and {@code localhost} and serves both as
 * a server's and a client's, valid for 30 days.
 *
 * <pre>{@code
 * TestCertificates ca = TestCertificates.authority(dir, "cluster-ca");
 * TestCertificates.Issued node = ca.issue("node1");
 * config.tls().certFile(node.certFile()).keyFile(node.keyFile()).caFile(ca.caFile());
 * }</pre>
 *
 * <p>For tests, on the test's thread. Each call runs {@code openssl} once or twice (tens of ms).
 */
public final class TestCertificates {

    private static final long OPENSSL_TIMEOUT_SECONDS = 30;

    /** A certificate and its key, issued by a {@link TestCertificates} authority. */
    public record Issued(Path certFile, Path keyFile) {
    }

    private final Path dir;
    private final String name;
    private final Path openssl;

    private TestCertificates(Path dir, String name) {
        this.dir = dir;
        this.name = name;
        this.openssl = Binaries.require("openssl", "openssl");
    }

    /** A new self-signed CA named {@code name}, its files {@code name.crt} and {@code name.key} in {@code dir}. */
    public static TestCertificates authority(Path dir, String name) {
        TestCertificates ca = new TestCertificates(dir, name);
        ca.run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", ca.caKeyFile().toString(), "-out", ca.caFile().toString(), "-days", "30",
                "-subj", "/CN=" + name);
        return ca;
    }

    /** The CA's certificate (PEM): what peers and clients trust. */
    public Path caFile() {
        return dir.resolve(name + ".crt");
    }

    private Path caKeyFile() {
        return dir.resolve(name + ".key");
    }

    /**
     * A certificate for {@code subject} signed by this CA, written to {@code subject.crt} and
     * {@code subject.key} (replacing files of that name: a new certificate for the same subject).
     */
    public Issued issue(String subject) {
        Path key = dir.resolve(subject + ".key");
        Path csr = dir.resolve(subject + ".csr");
        Path cert = dir.resolve(subject + ".crt");
        Path ext = dir.resolve(subject + ".ext");
        try {
            Files.writeString(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                    + "extendedKeyUsage=serverAuth,clientAuth\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + subject);
        run("x509", "-req", "-in", csr.toString(), "-CA", caFile().toString(), "-CAkey", caKeyFile().toString(),
                "-set_serial", Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)),
                "-out", cert.toString(), "-days", "30", "-extfile", ext.toString());
        return new Issued(cert, key);
    }

    /** A JDK {@link SSLContext} (TLS 1.2/1.3) that trusts this CA only: for Jedis, raw sockets, URL connections. */
    public SSLContext trustingContext() {
        try (InputStream in = Files.newInputStream(caFile())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry(name, CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + caFile(), e);
        }
    }

    private void run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(openssl.toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(OPENSSL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl failed: " + String.join(" ", command) + "\n"
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running openssl", e);
        }
    }
}
