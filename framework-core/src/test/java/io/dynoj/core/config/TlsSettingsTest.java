package io.dynoj.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS keys as a configuration file gives them, and what a node refuses to start without. */
class TlsSettingsTest {

    @TempDir
    Path dir;

    private NodeConfig load(String body) throws IOException {
        Path file = dir.resolve("node.yml");
        Files.writeString(file, "dyn_o_mite:\n" + body);
        return ConfigLoader.load(file);
    }

    @Test
    void readsEveryTlsKey() throws IOException {
        TlsSettings tls = load("""
                  listen_tls: 127.0.0.1:6380
                  client_tls: true
                  tls_cert_file: /etc/dynoj/node.crt
                  tls_key_file: /etc/dynoj/node.key
                  tls_ca_file: /etc/dynoj/ca.crt
                  tls_client_auth: optional
                  secure_server_option: all
                  datastore_tls: true
                  tls_reload_interval: 2500
                """).tls();
        assertThat(tls.listenTls()).isEqualTo(new HostPort("127.0.0.1", 6380));
        assertThat(tls.clientPortTls()).isTrue();
        assertThat(tls.certFile()).isEqualTo(Path.of("/etc/dynoj/node.crt"));
        assertThat(tls.keyFile()).isEqualTo(Path.of("/etc/dynoj/node.key"));
        assertThat(tls.caFile()).isEqualTo(Path.of("/etc/dynoj/ca.crt"));
        assertThat(tls.clientAuth()).isEqualTo(TlsClientAuth.OPTIONAL);
        assertThat(tls.secureServerOption()).isEqualTo(SecureServerOption.ALL);
        assertThat(tls.datastoreTls()).isTrue();
        assertThat(tls.reloadIntervalMillis()).isEqualTo(2500);
        assertThat(tls.problems()).isEmpty();
    }

    @Test
    void pemKeyFileIsTheKeyBesideACertificateOnly() throws IOException {
        assertThat(load("  tls_cert_file: a.crt\n  pem_key_file: a.pem\n").tls().keyFile()).isEqualTo(Path.of("a.pem"));
        // Dynomite's own files name pem_key_file for its RSA+AES scheme, with no certificate: not a TLS key.
        TlsSettings dynomite = load("  pem_key_file: conf/dynomite.pem\n").tls();
        assertThat(dynomite.keyFile()).isNull();
        assertThat(dynomite.enabled()).isFalse();
        assertThat(dynomite.problems()).isEmpty();
    }

    @Test
    void encryptedPeerLinksWithoutCertificatesLoadButCannotStart() throws IOException {
        // A Dynomite file still loads (check-config shows it); the node refuses to start unencrypted.
        TlsSettings tls = load("  secure_server_option: datacenter\n  pem_key_file: conf/dynomite.pem\n").tls();
        assertThat(tls.peersUseTls()).isTrue();
        assertThat(String.join("; ", tls.problems()))
                .contains("secure_server_option: datacenter needs tls_cert_file and tls_key_file")
                .contains("needs tls_ca_file");
    }

    @Test
    void clientAuthAndDatastoreTlsNeedTheCa() throws IOException {
        assertThat(load("  listen_tls: 127.0.0.1:0\n  tls_cert_file: a\n  tls_key_file: b\n  tls_client_auth: yes\n")
                .tls().problems()).containsExactly("tls_client_auth: require needs tls_ca_file");
        assertThat(load("  datastore_tls: true\n").tls().problems())
                .containsExactly("datastore_tls needs tls_ca_file (to verify the datastore's certificate)");
    }

    @Test
    void relativeFilesAreUnderTheHome() {
        NodeConfig.Builder b = NodeConfig.builder().home(Path.of("/opt/dynoj"));
        b.tls().certFile(Path.of("conf/node.crt")).caFile(Path.of("/etc/ca.crt"));
        TlsSettings tls = b.build().tls();
        assertThat(tls.certFile()).isEqualTo(Path.of("/opt/dynoj/conf/node.crt"));
        assertThat(tls.caFile()).isEqualTo(Path.of("/etc/ca.crt"));
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> load("  tls_client_auth: maybe\n")).hasMessageContaining("tls_client_auth")
                .hasMessageContaining("none, optional or require");
        assertThatThrownBy(() -> load("  secure_server_option: dc\n")).hasMessageContaining("secure_server_option");
    }
}
