package io.dynoj.core.storage;

import io.dynoj.core.spi.ProtocolLimits;

/**
 * What a {@link CommandEngine} reads of the node's configuration.
 *
 * @param storeType the datastore type the engine runs on ({@code leveldb}, {@code mysql}...), which
 *     some protocols report ({@code INFO})
 * @param limits the bounds the node's decoders enforce on each request: an engine sizes its values
 *     by {@link ProtocolLimits#maxRequestBytes()} and honours the same switches
 */
public record EngineSettings(String storeType, ProtocolLimits limits) {
}
