package io.dynoj.memcached.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.plugin.ProviderLoader;
import io.dynoj.core.spi.ServerLauncher;
import org.junit.jupiter.api.Test;

class MemcachedServerLauncherTest {

    @Test
    void isFoundByDatastoreTypeAndStartsATcpOnlyServer() {
        ServerLauncher launcher = ProviderLoader.launcher("memcached").orElseThrow();
        assertThat(launcher).isInstanceOf(MemcachedServerLauncher.class);
        assertThat(launcher.command("127.0.0.2", 7001)).containsExactly("memcached", "-p", "7001", "-l", "127.0.0.2", "-U", "0");
    }
}
