package io.dynoj.memcached.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.config.AuthSettings;
import io.dynoj.core.config.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemcachedAuthenticatorTest {

    @Test
    void readsUserPasswordLines() {
        MemcachedAuthenticator users = MemcachedAuthenticator.parse(List.of("alice:won:der", "", "bob:"), "f");
        assertThat(new String(users.password("alice"), StandardCharsets.UTF_8)).isEqualTo("won:der");
        assertThat(users.password("bob")).isEmpty();
        assertThat(users.password("carol")).isNull();
    }

    @Test
    void refusesWhatIsNotAUsersFile() {
        assertThatThrownBy(() -> MemcachedAuthenticator.parse(List.of("alice"), "auth_file f"))
                .hasMessage("auth_file f line 1: expected user:password");
        assertThatThrownBy(() -> MemcachedAuthenticator.parse(List.of(""), "auth_file f")).hasMessageContaining("no user");
        assertThatThrownBy(() -> MemcachedAuthenticator.of(new AuthSettings(null, null, Path.of("/nonexistent/users"),
                null, true))).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> MemcachedAuthenticator.of(new AuthSettings(Secret.of("p", "requirepass"), null, null,
                null, true))).hasMessageContaining("Redis's");
        assertThat(MemcachedAuthenticator.of(AuthSettings.NONE)).isNull();
    }
}
