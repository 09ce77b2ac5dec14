package io.dynoj.core.storage;

import io.dynoj.core.spi.ProtocolLimits;

/**
 * What a {@link CommandEngine} reads of the node's configuration.
 *
 * @param storeType the datastore type the engine runs on ({@code leveldb}, {@code mysql}...), which
 *     some protocols report ({@code INFO})
 * @param limits the bounds the node's decoders enforce on each request: an engine sizes its values
 *     by {@link ProtocolLimits#maxRequestBytes()} and honours the same switches
 * @param tombstoneGraceMillis {@code tombstone_grace}: how long an engine that keeps write timestamps keeps
 *     the tombstone of a deleted key, so that repair does not bring the key back from a replica that missed
 *     the delete
 */
public record EngineSettings(String storeType, ProtocolLimits limits, long tombstoneGraceMillis) {

    /** Ten days, as Cassandra's {@code gc_grace_seconds}: far beyond the 3 h hint window; docs/REPAIR.md says why. */
    public static final long DEFAULT_TOMBSTONE_GRACE_MILLIS = 10L * 24 * 3600_000;

    /** Settings with the default tombstone grace. */
    public EngineSettings(String storeType, ProtocolLimits limits) {
        this(storeType, limits, DEFAULT_TOMBSTONE_GRACE_MILLIS);
    }
}
