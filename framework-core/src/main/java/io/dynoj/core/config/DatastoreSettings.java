package io.dynoj.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The datastore's part of a node's configuration: what a datastore provider may read, and all it
 * may read, to check its settings and to build the datastore. Immutable.
 *
 * @param type the datastore type ({@code datastore:}, e.g. {@code redis}, {@code leveldb})
 * @param servers the servers behind the node ({@code servers:}); empty for an embedded store
 * @param timeoutMillis how long the datastore may take to answer one request ({@code timeout})
 * @param connections connections to each server per I/O thread ({@code datastore_connections}); for
 *     a blocking store, the least number of worker threads
 * @param dataDir where an embedded store keeps its files ({@code data_dir}), in a sub-directory
 *     named after its type
 * @param section the datastore's own section (the map under a key named after its type, e.g.
 *     {@code mysql:}); empty when the file has none
 * @param tombstoneGraceMillis {@code tombstone_grace}: how long an embedded store keeps a deleted key's tombstone
 */
public record DatastoreSettings(String type, List<ServerAddress> servers, long timeoutMillis, int connections,
                                Path dataDir, ConfigSection section, long tombstoneGraceMillis) {

    public DatastoreSettings {
        servers = List.copyOf(servers);
    }

    /** Settings with the default tombstone grace. */
    public DatastoreSettings(String type, List<ServerAddress> servers, long timeoutMillis, int connections,
                             Path dataDir, ConfigSection section) {
        this(type, servers, timeoutMillis, connections, dataDir, section,
                io.dynoj.core.storage.EngineSettings.DEFAULT_TOMBSTONE_GRACE_MILLIS);
    }
}
