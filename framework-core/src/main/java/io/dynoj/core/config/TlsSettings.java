package io.dynoj.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's TLS configuration: which ports and links speak TLS, and the PEM files they use. Immutable.
 *
 * @param certFile {@code tls_cert_file}: this node's certificate chain (PEM), leaf first; presented to
 *     clients, to peers (both ways) and to a datastore that asks for a client certificate
 * @param keyFile {@code tls_key_file} (or Dynomite's {@code pem_key_file}): the private key of the
 *     certificate, PEM PKCS#8 unencrypted
 * @param caFile {@code tls_ca_file}: the CA certificates (PEM) peers' certificates must chain to; also
 *     verifies clients' certificates ({@code tls_client_auth}) and the datastore's
 * @param clientAuth {@code tls_client_auth}: whether clients must present a certificate signed by the CA
 * @param clientPortTls {@code client_tls}: the {@code listen} port speaks TLS only
 * @param listenTls {@code listen_tls}: a second client port, TLS only; {@code null} for none
 * @param secureServerOption Dynomite's {@code secure_server_option}: which peer links are encrypted
 * @param datastoreTls {@code datastore_tls}: connections to the datastore server ({@code servers}) use TLS
 * @param reloadIntervalMillis {@code tls_reload_interval}: how often the files are checked for a change
 *     (ms); 0 = never
 */
public record TlsSettings(Path certFile, Path keyFile, Path caFile, TlsClientAuth clientAuth, boolean clientPortTls,
                          HostPort listenTls, SecureServerOption secureServerOption, boolean datastoreTls,
                          long reloadIntervalMillis) {

    /** TLS nowhere. */
    public static final TlsSettings NONE = new TlsSettings(null, null, null, TlsClientAuth.NONE, false, null,
            SecureServerOption.NONE, false, 10_000);

    /** Whether any port or link speaks TLS. */
    public boolean enabled() {
        return clientsUseTls() || peersUseTls() || datastoreTls;
    }

    /** Whether some client port speaks TLS. */
    public boolean clientsUseTls() {
        return clientPortTls || listenTls != null;
    }

    /** Whether some peer link is encrypted. */
    public boolean peersUseTls() {
        return secureServerOption != SecureServerOption.NONE;
    }

    /**
     * What is missing for the TLS asked for, as one message; empty when nothing is. Checked when the node
     * starts rather than when the file is read, so that a Dynomite file naming {@code secure_server_option}
     * still loads (its own key scheme is not Dynoj's) and is refused only by a node that would use it.
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (!enabled()) {
            return out;
        }
        if ((clientsUseTls() || peersUseTls()) && (certFile == null || keyFile == null)) {
            out.add((peersUseTls() ? "secure_server_option: " + secureServerOption.configName()
                    : clientPortTls ? "client_tls" : "listen_tls") + " needs tls_cert_file and tls_key_file (or pem_key_file)");
        }
        if (peersUseTls() && caFile == null) {
            out.add("secure_server_option: " + secureServerOption.configName()
                    + " needs tls_ca_file (the CA that signs every node's certificate)");
        }
        if (clientsUseTls() && clientAuth != TlsClientAuth.NONE && caFile == null) {
            out.add("tls_client_auth: " + clientAuth.configName() + " needs tls_ca_file");
        }
        if (datastoreTls && caFile == null) {
            out.add("datastore_tls needs tls_ca_file (to verify the datastore's certificate)");
        }
        if (datastoreTls && (certFile == null) != (keyFile == null)) {
            out.add("tls_cert_file and tls_key_file (or pem_key_file) go together");
        }
        return out;
    }

    /** Mutable builder, used by the configuration loader. */
    public static final class Builder {
        private Path certFile;
        private Path keyFile;
        private Path pemKeyFile;
        private Path caFile;
        private TlsClientAuth clientAuth = TlsClientAuth.NONE;
        private boolean clientPortTls;
        private HostPort listenTls;
        private SecureServerOption secureServerOption = SecureServerOption.NONE;
        private boolean datastoreTls;
        private long reloadIntervalMillis = NONE.reloadIntervalMillis();

        public Builder certFile(Path v) { certFile = v; return this; }
        public Builder keyFile(Path v) { keyFile = v; return this; }
        /** Dynomite's {@code pem_key_file}: the key when {@code tls_key_file} is not given. */
        public Builder pemKeyFile(Path v) { pemKeyFile = v; return this; }
        public Builder caFile(Path v) { caFile = v; return this; }
        public Builder clientAuth(TlsClientAuth v) { clientAuth = v; return this; }
        public Builder clientPortTls(boolean v) { clientPortTls = v; return this; }
        public Builder listenTls(HostPort v) { listenTls = v; return this; }
        public Builder secureServerOption(SecureServerOption v) { secureServerOption = v; return this; }
        public Builder datastoreTls(boolean v) { datastoreTls = v; return this; }
        public Builder reloadIntervalMillis(long v) { reloadIntervalMillis = v; return this; }

        /** @param home relative file names are resolved against it (as {@code data_dir}); {@code null}: as given */
        public TlsSettings build(Path home) {
            // Dynomite files name pem_key_file for its own scheme: it is this node's key only beside a certificate.
            Path key = keyFile != null ? keyFile : certFile != null ? pemKeyFile : null;
            return new TlsSettings(resolve(home, certFile), resolve(home, key), resolve(home, caFile), clientAuth, clientPortTls,
                    listenTls, secureServerOption, datastoreTls, reloadIntervalMillis);
        }

        private static Path resolve(Path home, Path file) {
            return home == null || file == null ? file : home.resolve(file);
        }
    }
}
