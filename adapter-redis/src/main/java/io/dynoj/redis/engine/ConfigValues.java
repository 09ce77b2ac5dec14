package io.dynoj.redis.engine;

import io.dynoj.core.storage.EngineSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CONFIG parameters of one engine and their current values ({@link ConfigParams}). CONFIG SET
 * of several parameters is all or nothing, as in Redis 7. Thread-safe: values change under this
 * object's lock and are read through it.
 */
public final class ConfigValues {

    private final List<ConfigParam> params = ConfigParams.all();
    private final Map<String, String> values;

    ConfigValues(EngineSettings engine) {
        this.values = new LinkedHashMap<>(ConfigParams.initialValues(engine));
    }

    /**
     * The names and aliases of the parameters CONFIG SET may change: Redis's memory-encoding
     * thresholds, which change how a server lays values out in memory and never what it answers.
     */
    public static java.util.Set<String> tunableNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (ConfigParam p : ConfigParams.all()) {
            if (p.tunable()) {
                names.add(p.name());
                if (p.alias() != null) {
                    names.add(p.alias());
                }
            }
        }
        return names;
    }

    /** The parameter called {@code name} (or by its alias), any case; null if unknown. */
    ConfigParam find(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (ConfigParam p : params) {
            if (p.hasName(lower)) {
                return p;
            }
        }
        return null;
    }

    List<ConfigParam> params() {
        return params;
    }

    /** Parameters Redis 7.0 refuses to change at run time, whatever the value (its IMMUTABLE_CONFIG). */
    private static final java.util.Set<String> IMMUTABLE = java.util.Set.of("daemonize", "databases", "io-threads",
            "cluster-enabled");

    public synchronized String get(String name) {
        ConfigParam p = find(name);
        return p == null ? null : values.get(p.name());
    }

    /**
     * Sets every {@code (parameter, value)} pair or none. Returns null when done, else Redis's
     * reason and the parameter it concerns ({@code {name, reason}}).
     */
    synchronized String[] set(List<ConfigParam> targets, List<String> newValues) {
        List<String> normalized = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            ConfigParam p = targets.get(i);
            if (IMMUTABLE.contains(p.name())) {
                return new String[] {p.name(), "can't set immutable config"};
            }
            String value;
            try {
                value = p.check().normalize(newValues.get(i));
            } catch (IllegalArgumentException e) {
                return new String[] {p.name(), e.getMessage()};
            }
            if (!p.tunable() && !value.equals(values.get(p.name()))) {
                return new String[] {p.name(), "Dynoj's embedded datastore fixes it at " + quoted(values.get(p.name()))};
            }
            normalized.add(value);
        }
        for (int i = 0; i < targets.size(); i++) {
            values.put(targets.get(i).name(), normalized.get(i));
        }
        return null;
    }

    private static String quoted(String v) {
        return "'" + v + "'";
    }
}
