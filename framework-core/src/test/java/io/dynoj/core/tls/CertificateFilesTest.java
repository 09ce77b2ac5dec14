package io.dynoj.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.config.TlsClientAuth;
import io.dynoj.core.config.TlsSettings;
import io.dynoj.testkit.TestCertificates;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files to contexts, and what a change of the files does to them. */
class CertificateFilesTest {

    @TempDir
    Path dir;

    private static TlsSettings settings(Path cert, Path key, Path ca) {
        return new TlsSettings.Builder().certFile(cert).keyFile(key).caFile(ca).build(null);
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() {
        TestCertificates ca = TestCertificates.authority(dir, "ca");
        TestCertificates.Issued a = ca.issue("a");
        TestCertificates.Issued b = ca.issue("b");
        assertThatThrownBy(() -> PemContexts.server(settings(a.certFile(), b.keyFile(), null), TlsClientAuth.NONE))
                .hasMessageContaining("is not the key of the certificate");
    }

    @Test
    void aKeyThatIsNotPkcs8SaysHowToConvertIt() throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "ca");
        TestCertificates.Issued a = ca.issue("a");
        Path sec1 = dir.resolve("ec.key");
        Files.writeString(sec1, "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n");
        assertThatThrownBy(() -> PemContexts.server(settings(a.certFile(), sec1, null), TlsClientAuth.NONE))
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void aHalfReplacedPairKeepsTheOldContextUntilThePairIsWhole() throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "ca");
        TestCertificates.Issued first = ca.issue("node");
        Path staged = dir.resolve("staged");
        Files.createDirectories(staged);
        TestCertificates.Issued second = TestCertificates.authority(staged, "ca2").issue("node");
        TlsSettings s = settings(first.certFile(), first.keyFile(), ca.caFile());
        ReloadingContext context = new ReloadingContext(() -> PemContexts.server(s, TlsClientAuth.NONE));
        CertificateFiles files = new CertificateFiles(List.of(s.certFile(), s.keyFile(), s.caFile()), List.of(context));
        SslContext original = context.current();
        assertThat(files.check()).as("nothing changed").isFalse();

        Files.copy(second.keyFile(), first.keyFile(), StandardCopyOption.REPLACE_EXISTING);
        assertThat(files.check()).as("the key alone changed").isFalse();
        assertThat(context.current()).isSameAs(original);
        assertThat(files.check()).as("tried once per change").isFalse();

        Files.copy(second.certFile(), first.certFile(), StandardCopyOption.REPLACE_EXISTING);
        assertThat(files.check()).as("the pair is whole again").isTrue();
        assertThat(context.current()).isNotSameAs(original);
    }
}
