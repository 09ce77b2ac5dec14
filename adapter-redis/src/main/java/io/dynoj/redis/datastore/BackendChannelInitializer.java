package io.dynoj.redis.datastore;

import io.dynoj.core.datastore.ServerConnection;
import io.netty.channel.Channel;

/**
 * The one place a redis-server connection's pipeline is built: {@link RespReplyDecoder} → [{@link BackendAuthHandler}
 * when the node authenticates to its redis-server] → replies.
 */
final class BackendChannelInitializer {

    private BackendChannelInitializer() {
    }

    static void init(Channel ch, BackendConnection connection) {
        ch.pipeline().addLast("decoder", new RespReplyDecoder());
        if (connection.credentials() != null) {
            ch.pipeline().addLast("auth", new BackendAuthHandler(connection));
        }
        ch.pipeline().addLast("replies", new ServerConnection.ReplyHandler(connection));
    }
}
