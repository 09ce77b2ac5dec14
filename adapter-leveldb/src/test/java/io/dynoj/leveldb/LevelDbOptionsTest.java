package io.dynoj.leveldb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dynoj.core.config.ConfigSection;
import org.junit.jupiter.api.Test;

class LevelDbOptionsTest {

    @Test
    void anEmptyOrMissingSectionGivesTheDefaults() {
        assertThat(LevelDbOptions.parse(ConfigSection.of("leveldb", JsonNodeFactory.instance.objectNode())))
                .isEqualTo(LevelDbOptions.DEFAULTS);
        assertThat(LevelDbOptions.parse(ConfigSection.of("leveldb", null))).isEqualTo(LevelDbOptions.DEFAULTS);
        assertThat(LevelDbOptions.DEFAULTS.sync()).isEqualTo(LevelDbOptions.Sync.NONE);
        assertThat(LevelDbOptions.DEFAULTS.syncIntervalMillis()).isEqualTo(1000);
        assertThat(LevelDbOptions.DEFAULTS.engine()).isEqualTo(LevelDbOptions.Engine.AUTO);
    }

    @Test
    void readsEveryOption() {
        LevelDbOptions o = LevelDbOptions.parse(Stores.section(
                "{sync: interval, sync_interval_ms: 250, cache_mb: 8, write_buffer_mb: '4', engine: Java}"));
        assertThat(o).isEqualTo(new LevelDbOptions(LevelDbOptions.Sync.INTERVAL, 250, 8, 4, LevelDbOptions.Engine.JAVA));
        assertThat(LevelDbOptions.parse(Stores.section("{sync: always}")).sync()).isEqualTo(LevelDbOptions.Sync.ALWAYS);
    }

    @Test
    void unknownOptionsAreRefusedByName() {
        assertThatThrownBy(() -> LevelDbOptions.parse(Stores.section("{sync: none, fsync: true, cache_size: 3}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leveldb: unknown keys [cache_size, fsync]; "
                        + "known keys: [cache_mb, engine, sync, sync_interval_ms, write_buffer_mb]");
        assertThatThrownBy(() -> LevelDbOptions.parse(Stores.section("{syncs: none}")))
                .hasMessageStartingWith("leveldb: unknown key [syncs]; known keys:");
    }

    @Test
    void badValuesAreRefusedWithTheAllowedOnes() {
        assertThatThrownBy(() -> LevelDbOptions.parse(Stores.section("{sync: sometimes}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leveldb: 'sync' must be one of none, always, interval (got 'sometimes')");
        assertThatThrownBy(() -> LevelDbOptions.parse(Stores.section("{engine: rust}")))
                .hasMessage("leveldb: 'engine' must be one of auto, native, java (got 'rust')");
        assertThatThrownBy(() -> LevelDbOptions.parse(Stores.section("{cache_mb: lots}")))
                .hasMessage("leveldb: 'cache_mb' must be a whole number (got 'lots')");
        assertThatThrownBy(() -> LevelDbOptions.parse(Stores.section("{sync_interval_ms: 0}")))
                .hasMessageContaining("sync_interval_ms must be at least 1");
        assertThatThrownBy(() -> LevelDbOptions.parse(Stores.section("{write_buffer_mb: 0}")))
                .hasMessageContaining("write_buffer_mb must be 1 to 1024");
        assertThatThrownBy(() -> LevelDbOptions.parse(Stores.section("[1, 2]")))
                .hasMessageContaining("must be a map");
    }
}
