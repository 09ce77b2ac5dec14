package io.dynoj.core.admin;

import io.dynoj.core.hash.KeyHasher;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * The fixed facts {@code /info} reports about a node.
 *
 * @param started when the node started serving (uptime is counted from it)
 * @param protocol the client protocol ({@code redis}, {@code memcached})
 * @param datastore the datastore type ({@code redis}, {@code memcached}, {@code leveldb}...)
 * @param listen where clients connect (the bound address)
 * @param dynListen where peers connect, or {@code null} without {@code dyn_listen}
 * @param statsListen where the admin server listens
 * @param hasher how keys are placed ({@code hash}, {@code hash_tag}): what a token-aware client must
 *               know to route as the node does ({@code /cluster_describe})
 */
public record NodeDescription(Instant started, String protocol, String datastore, InetSocketAddress listen,
                              InetSocketAddress dynListen, InetSocketAddress statsListen, KeyHasher hasher) {
}
