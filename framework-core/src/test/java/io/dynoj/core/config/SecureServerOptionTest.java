package io.dynoj.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Dynomite's is_secure(): which links each secure_server_option encrypts. */
class SecureServerOptionTest {

    @Test
    void datacenterEncryptsOnlyLinksBetweenDatacenters() {
        SecureServerOption dc = SecureServerOption.DATACENTER;
        assertThat(dc.encrypts("dc1", "r1", "dc2", "r1")).isTrue();
        assertThat(dc.encrypts("dc1", "r1", "dc1", "r2")).isFalse();
        assertThat(dc.encrypts("dc1", "r1", "dc1", "r1")).isFalse();
    }

    @Test
    void rackEncryptsLinksBetweenRacksAndBetweenDatacenters() {
        SecureServerOption rack = SecureServerOption.RACK;
        assertThat(rack.encrypts("dc1", "r1", "dc1", "r2")).isTrue();
        // A rack of the same name in another datacenter is another rack.
        assertThat(rack.encrypts("dc1", "r1", "dc2", "r1")).isTrue();
        assertThat(rack.encrypts("dc1", "r1", "dc1", "r1")).isFalse();
    }

    @Test
    void allEncryptsEveryLinkAndNoneNone() {
        assertThat(SecureServerOption.ALL.encrypts("dc1", "r1", "dc1", "r1")).isTrue();
        assertThat(SecureServerOption.NONE.encrypts("dc1", "r1", "dc2", "r2")).isFalse();
    }

    @Test
    void parsesDynomitesNamesOnly() {
        assertThat(SecureServerOption.parse(" Datacenter ")).isEqualTo(SecureServerOption.DATACENTER);
        assertThat(SecureServerOption.parse("rack")).isEqualTo(SecureServerOption.RACK);
        assertThatThrownBy(() -> SecureServerOption.parse("dc")).hasMessageContaining("none, rack, datacenter, all");
    }
}
