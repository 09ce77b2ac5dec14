package io.dynoj.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigSectionTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    enum Mode { FAST, SAFE }

    private static ConfigSection section(String yaml) throws Exception {
        return ConfigSection.of("store", YAML.readTree(yaml));
    }

    @Test
    void readsTypedValuesWrittenAsScalarsOrAsText() throws Exception {
        ConfigSection s = section("{size: 8, pages: '16', fsync: true, trim: 'FALSE', mode: Safe, name: kv}");
        assertThat(s.integer("size", 1, 1, 100)).isEqualTo(8);
        assertThat(s.number("pages", 1)).isEqualTo(16);
        assertThat(s.bool("fsync", false)).isTrue();
        assertThat(s.bool("trim", true)).isFalse();
        assertThat(s.choice("mode", Mode.class, Mode.FAST)).isEqualTo(Mode.SAFE);
        assertThat(s.text("name")).isEqualTo("kv");
        assertThat(s.keys()).containsExactly("fsync", "mode", "name", "pages", "size", "trim");
    }

    @Test
    void absentKeysGiveTheirDefaults() {
        ConfigSection s = ConfigSection.of("store", null);
        assertThat(s.keys()).isEmpty();
        assertThat(s.text("name")).isNull();
        assertThat(s.text("name", "dflt")).isEqualTo("dflt");
        assertThat(s.integer("size", 7)).isEqualTo(7);
        assertThat(s.bool("fsync", true)).isTrue();
        assertThat(s.choice("mode", Mode.class, Mode.FAST)).isEqualTo(Mode.FAST);
        assertThat(ConfigSection.empty("store").has("size")).isFalse();
    }

    @Test
    void badValuesAreRefusedNamingSectionAndKey() throws Exception {
        assertThatThrownBy(() -> section("{size: lots}").integer("size", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("store: 'size' must be a whole number (got 'lots')");
        assertThatThrownBy(() -> section("{size: 0}").integer("size", 1, 1, 10))
                .hasMessage("store: 'size' must be between 1 and 10 (got 0)");
        assertThatThrownBy(() -> section("{size: 1.5}").integer("size", 1))
                .hasMessage("store: 'size' must be a whole number (got '1.5')");
        assertThatThrownBy(() -> section("{fsync: yes please}").bool("fsync", false))
                .hasMessage("store: 'fsync' must be true or false (got 'yes please')");
        assertThatThrownBy(() -> section("{mode: slow}").choice("mode", Mode.class, Mode.FAST))
                .hasMessage("store: 'mode' must be one of fast, safe (got 'slow')");
        assertThatThrownBy(() -> section("{name: [a, b]}").text("name"))
                .hasMessage("store: 'name' must be a single value");
        assertThatThrownBy(() -> section("[1, 2]")).hasMessage("store: must be a map of options, got [1,2]");
    }

    @Test
    void unknownKeysAreRefusedByName() throws Exception {
        ConfigSection s = section("{size: 1, szie: 2, colour: red}");
        assertThatThrownBy(() -> s.requireKnownKeys(List.of("size", "mode")))
                .hasMessage("store: unknown keys [colour, szie]; known keys: [size, mode]");
        assertThatThrownBy(() -> section("{szie: 2}").requireKnownKeys(List.of("size")))
                .hasMessage("store: unknown key [szie]; known keys: [size]");
        section("{size: 1}").requireKnownKeys(List.of("size", "mode"));
    }

    @Test
    void isACopyOfTheNodeItWasMadeFrom() throws Exception {
        ObjectNode node = (ObjectNode) YAML.readTree("{size: 1}");
        ConfigSection s = ConfigSection.of("store", node);
        node.put("size", 2);
        assertThat(s.integer("size", 0)).isEqualTo(1);
        assertThat(s.toString()).isEqualTo("store: [size]");
    }

    @Test
    void theNodeConfigGivesTheDatastoreItsSettingsAndSection() {
        JsonNode mysql = YAML.createObjectNode().put("table", "kv");
        NodeConfig config = NodeConfig.builder().datastoreType("mysql").timeoutMillis(750).datastoreConnections(3)
                .section("mysql", mysql).build();
        DatastoreSettings settings = config.datastoreSettings();
        assertThat(settings.type()).isEqualTo("mysql");
        assertThat(settings.timeoutMillis()).isEqualTo(750);
        assertThat(settings.connections()).isEqualTo(3);
        assertThat(settings.servers()).isEmpty();
        assertThat(settings.dataDir()).isEqualTo(config.dataDir());
        assertThat(settings.section().name()).isEqualTo("mysql");
        assertThat(settings.section().text("table")).isEqualTo("kv");
    }
}
