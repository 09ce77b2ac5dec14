package io.dynoj.redis.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.plugin.ProviderLoader;
import io.dynoj.core.spi.ServerLauncher;
import org.junit.jupiter.api.Test;

class RedisServerLauncherTest {

    @Test
    void isFoundByDatastoreTypeAndStartsAServerThatKeepsNothingOnDisk() {
        ServerLauncher launcher = ProviderLoader.launcher("redis").orElseThrow();
        assertThat(launcher).isInstanceOf(RedisServerLauncher.class);
        assertThat(launcher.command("127.0.0.2", 7001)).containsExactly(
                "redis-server", "--port", "7001", "--bind", "127.0.0.2", "--save", "", "--appendonly", "no");
        assertThat(ProviderLoader.launcher("leveldb")).as("an embedded store has no server").isEmpty();
    }
}
