package io.dynoj.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets from the configuration: given, from a file, from the environment; never shown. */
class SecretTest {

    @TempDir
    Path dir;

    @Test
    void fromTheValueAFileOrTheEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("pw"), "from-file\nsecond line\n");
        assertThat(Secret.resolve("requirepass", "given", null, null, n -> null).value()).isEqualTo("given");
        assertThat(Secret.resolve("requirepass", null, file.toString(), null, n -> null).value()).isEqualTo("from-file");
        assertThat(Secret.resolve("requirepass", null, null, "PW", Map.of("PW", "from-env")::get).value())
                .isEqualTo("from-env");
        assertThat(Secret.resolve("requirepass", null, null, null, n -> null)).isNull();
    }

    @Test
    void neverShown() throws IOException {
        Path file = Files.writeString(dir.resolve("pw"), "hunter2\n");
        Secret secret = Secret.resolve("requirepass", null, file.toString(), null, n -> null);
        assertThat(secret.toString()).isEqualTo("requirepass_file " + file + " (hidden)").doesNotContain("hunter2");
        NodeConfig config = NodeConfig.builder().requirepass("hunter2").build();
        assertThat(config.auth().toString()).doesNotContain("hunter2");
    }

    @Test
    void refusesAmbiguousMissingOrEmptySecrets() {
        assertThatThrownBy(() -> Secret.resolve("requirepass", "a", "f", null, n -> null))
                .hasMessage("give only one of [requirepass, requirepass_file]");
        assertThatThrownBy(() -> Secret.resolve("requirepass", null, dir.resolve("none").toString(), null, n -> null))
                .hasMessageContaining("cannot read requirepass");
        assertThatThrownBy(() -> Secret.resolve("requirepass", null, null, "UNSET", n -> null))
                .hasMessage("requirepass_env names UNSET, which is not set");
        assertThatThrownBy(() -> Secret.resolve("requirepass", "", null, null, n -> null)).hasMessageContaining("empty");
    }

    @Test
    void theConfigurationKeys() throws IOException {
        Path pw = Files.writeString(dir.resolve("pw"), "filepw\n");
        Path file = Files.writeString(dir.resolve("node.yml"), """
                dyn_o_mite:
                  requirepass_file: %s
                  acl_file: /etc/dynoj/users.acl
                  admin_token_file: /etc/dynoj/admin.token
                  admin_read_open: false
                """.formatted(pw));
        AuthSettings auth = ConfigLoader.load(file).auth();
        assertThat(auth.requirepass().value()).isEqualTo("filepw");
        assertThat(auth.aclFile()).isEqualTo(Path.of("/etc/dynoj/users.acl"));
        assertThat(auth.adminTokenFile()).isEqualTo(Path.of("/etc/dynoj/admin.token"));
        assertThat(auth.adminReadOpen()).isFalse();
        assertThat(auth.clientAuthConfigured()).isTrue();
        Path both = Files.writeString(dir.resolve("both.yml"), "dyn_o_mite:\n  requirepass: a\n  requirepass_env: B\n");
        assertThatThrownBy(() -> ConfigLoader.load(both)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("give only one of [requirepass, requirepass_env]");
    }
}
