package io.dynoj.memcached.datastore;

import io.dynoj.core.datastore.ServerConnection;
import io.netty.channel.Channel;

/**
 * The one place a memcached connection's pipeline is built: {@link MemcachedReplyDecoder} (which frames
 * each reply by the oldest waiting request) → replies.
 */
final class MemcachedChannelInitializer {

    private MemcachedChannelInitializer() {
    }

    static void init(Channel ch, MemcachedBackendConnection connection) {
        ch.pipeline().addLast("decoder", new MemcachedReplyDecoder(connection.expectedReplies()));
        ch.pipeline().addLast("replies", new ServerConnection.ReplyHandler(connection));
    }
}
