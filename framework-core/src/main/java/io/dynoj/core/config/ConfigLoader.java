package io.dynoj.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a node configuration from a Netflix Dynomite YAML file, unchanged: one top-level key (the
 * pool name, any name) holding Dynomite's keys. Keys Dynoj does not use yet are accepted and logged
 * once; unknown keys are an error naming the key and the file.
 */
public final class ConfigLoader {

    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
    private static final YAMLMapper YAML = new YAMLMapper();

    private ConfigLoader() {
    }

    public static NodeConfig load(Path file) {
        return load(file, null);
    }

    /**
     * Reads {@code file}; a relative {@code data_dir} (and the default one) is taken relative to
     * {@code home}, the distribution's directory, or to the working directory when {@code null}.
     */
    public static NodeConfig load(Path file, Path home) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("configuration file " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        return parse(root, file, home);
    }

    /** Parses an already-read YAML tree; {@code file} only names the source in messages. */
    public static NodeConfig parse(JsonNode root, Path file) {
        return parse(root, file, null);
    }

    /** {@link #parse(JsonNode, Path)} with a relative {@code data_dir} taken relative to {@code home}. */
    public static NodeConfig parse(JsonNode root, Path file, Path home) {
        String where = file == null ? "configuration" : "configuration file " + file;
        if (root == null || !root.isObject() || root.size() != 1) {
            throw new ConfigException(where + " must have exactly one top-level key (the pool name, e.g. dyn_o_mite:)");
        }
        Map.Entry<String, JsonNode> pool = root.properties().iterator().next();
        if (!pool.getValue().isObject()) {
            throw new ConfigException(where + ": '" + pool.getKey() + ":' must hold a map of settings");
        }
        NodeConfig.Builder builder = NodeConfig.builder().source(file).home(home).poolName(pool.getKey());
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : pool.getValue().properties()) {
            String key = entry.getKey();
            ConfigKeys.Setter setter = ConfigKeys.SETTERS.get(key);
            if (setter != null) {
                apply(setter, builder, entry.getValue(), where, key);
            } else if (ConfigKeys.IGNORED.contains(key)) {
                ignored.add(key);
            } else if (entry.getValue().isObject()) {
                // A datastore's own settings (mysql:, leveldb:), read by that datastore.
                builder.section(key, entry.getValue());
            } else {
                throw new ConfigException(where + ": unknown key '" + key + "' under '" + pool.getKey() + ":'");
            }
        }
        if (!ignored.isEmpty()) {
            log.info("{}: accepted but not used by this version of Dynoj: {}", where, ignored);
        }
        try {
            NodeConfig config = builder.build();
            for (String section : config.sectionNames()) {
                // The datastore's section, and the topology source's (zookeeper:).
                if (!section.equals(config.datastoreType()) && !section.equals(config.dynSeedProvider())) {
                    log.warn("{}: section '{}:' is not used: the datastore is '{}'", where, section, config.datastoreType());
                }
            }
            return config;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage(), e);
        }
    }

    private static void apply(ConfigKeys.Setter setter, NodeConfig.Builder builder, JsonNode value,
                              String where, String key) {
        if (value == null || value.isNull()) {
            throw new ConfigException(where + ": key '" + key + "' has no value");
        }
        try {
            setter.apply(builder, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": key '" + key + "': " + e.getMessage(), e);
        }
    }
}
