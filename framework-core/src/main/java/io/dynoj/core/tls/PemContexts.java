package io.dynoj.core.tls;

import io.dynoj.core.config.TlsClientAuth;
import io.dynoj.core.config.TlsSettings;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * Builds Netty {@link SslContext}s from the PEM files of {@link TlsSettings}: TLS 1.3 and 1.2 only, with
 * OpenSSL (netty-tcnative) when it is on the class path and loads, else the JDK's provider. Stateless.
 */
final class PemContexts {

    /** TLS 1.0 and 1.1 are refused everywhere (RFC 8996). */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private PemContexts() {
    }

    /** OpenSSL when netty-tcnative is present and loads (faster handshakes and records), else the JDK's. */
    static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /**
     * The accepting side: presents the certificate; asks for a client certificate signed by the CA as
     * {@code clientAuth} says.
     */
    static SslContext server(TlsSettings s, TlsClientAuth clientAuth) {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(key(s), certificates(s))
                    .sslProvider(provider()).protocols(PROTOCOLS)
                    .clientAuth(ClientAuth.valueOf(clientAuth.name()));
            if (s.caFile() != null && clientAuth != TlsClientAuth.NONE) {
                b.trustManager(s.caFile().toFile());
            }
            return b.build();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException(describe(s) + ": " + e.getMessage(), e));
        }
    }

    /**
     * The connecting side: trusts only the CA, presents the certificate when there is one. With
     * {@code verifyHost} the server's certificate must also name the host connected to (a datastore);
     * peers are addressed by IP and proven by the cluster CA's signature alone.
     */
    static SslContext client(TlsSettings s, boolean verifyHost) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(provider()).protocols(PROTOCOLS)
                    .trustManager(s.caFile().toFile())
                    .endpointIdentificationAlgorithm(verifyHost ? "HTTPS" : null);
            if (s.certFile() != null) {
                b.keyManager(key(s), certificates(s));
            }
            return b.build();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException(describe(s) + ": " + e.getMessage(), e));
        }
    }

    private static X509Certificate[] certificates(TlsSettings s) throws IOException, GeneralSecurityException {
        return PemFiles.certificates(s.certFile());
    }

    /** The key, checked against the certificate (a half-replaced pair must not be used). */
    private static PrivateKey key(TlsSettings s) throws IOException, GeneralSecurityException {
        PrivateKey key = PemFiles.privateKey(s.keyFile());
        PemFiles.checkPair(key, PemFiles.certificates(s.certFile())[0], s.keyFile(), s.certFile());
        return key;
    }

    private static String describe(TlsSettings s) {
        return "TLS files (tls_cert_file " + s.certFile() + ", key " + s.keyFile() + ", tls_ca_file " + s.caFile() + ")";
    }
}
