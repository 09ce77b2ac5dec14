package io.dynoj.redis.datastore;

import io.dynoj.core.datastore.DatastoreMetrics;
import io.dynoj.core.datastore.ServerConnection;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.redis.protocol.RedisRequest;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ServerConnection} speaking RESP to a redis-server: replies come back in request order. A
 * transaction unit is written whole ({@code MULTI ... EXEC} in one frame, so no other request can come
 * between its commands on the connection) and waits for its EXEC reply, the ones before it dropped. With
 * credentials, each new channel first sends AUTH and becomes ready only once the server accepted it.
 */
final class BackendConnection extends ServerConnection {

    private static final Logger log = LoggerFactory.getLogger(BackendConnection.class);

    /** Waits for a reply nobody reads: MULTI's {@code +OK} and the {@code +QUEUED}s of a unit. */
    private static final ReplySink SKIPPED = new ReplySink() {
        @Override
        public void reply(ByteBuf reply) {
            reply.release();
        }

        @Override
        public void error(String message) {
            // The unit's own sink, queued behind, gets the same failure.
        }

        @Override
        public EventLoop eventLoop() {
            throw new UnsupportedOperationException("a skipped reply has no client");
        }

        @Override
        public int connectionId() {
            return 0;
        }
    };

    private final ArrayDeque<ReplySink> waiting = new ArrayDeque<>();
    private final BackendCredentials credentials;
    /** Whether the current run of refused AUTHs was logged: once per outage, not once per retry. */
    private boolean refusalLogged;

    BackendConnection(EventLoop loop, Bootstrap bootstrap, InetSocketAddress address, long timeoutMillis,
                      DatastoreMetrics metrics) {
        this(loop, bootstrap, address, timeoutMillis, metrics, null);
    }

    /** @param credentials the AUTH to send on every new channel, or {@code null} */
    BackendConnection(EventLoop loop, Bootstrap bootstrap, InetSocketAddress address, long timeoutMillis,
                      DatastoreMetrics metrics, BackendCredentials credentials) {
        super(loop, bootstrap, address, "datastore", timeoutMillis, metrics);
        this.credentials = credentials;
    }

    BackendCredentials credentials() {
        return credentials;
    }

    /** Sends AUTH before anything else; {@link BackendAuthHandler} takes its reply. */
    @Override
    protected void opened(Channel ch) {
        if (credentials == null) {
            ready(ch);
            return;
        }
        ch.writeAndFlush(credentials.authCommand(ch.alloc()));
    }

    void authenticated(Channel ch) {
        refusalLogged = false;
        ready(ch);
    }

    void authFailed(Channel ch, String reply) {
        // The reply is the server's error (WRONGPASS...), never the password.
        String reason = "redis-server refused the node's AUTH as " + credentials + ": " + reply;
        if (!refusalLogged) {
            refusalLogged = true;
            log.error("{} {}; retrying", address(), reason);
        }
        handshakeFailed(reason);
        ch.close();
    }

    @Override
    protected void initPipeline(Channel channel) {
        BackendChannelInitializer.init(channel, this);
    }

    @Override
    public void send(Request request, ReplySink sink) {
        if (refusedWhileDown(request, sink)) {
            return;
        }
        if (request instanceof RedisRequest redis && redis.parts() != null) {
            // MULTI and each queued command answer before EXEC does; the unit's reply is EXEC's.
            for (int i = redis.parts().queued() + 1; i > 0; i--) {
                waiting.add(SKIPPED);
            }
        }
        waiting.add(sink);
        metrics.requests.inc();
        write(request.frame());
    }

    @Override
    protected ReplySink pollWaiting() {
        return waiting.poll();
    }

    @Override
    protected int waitingCount() {
        return waiting.size();
    }
}
