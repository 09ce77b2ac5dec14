package io.dynoj.redis.datastore;

import io.dynoj.core.datastore.DatastoreMetrics;
import io.dynoj.core.datastore.ServerConnection;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ServerConnection} speaking RESP to a redis-server: replies come back in request order. With
 * credentials, each new channel first sends AUTH and becomes ready only once the server accepted it.
 */
final class BackendConnection extends ServerConnection {

    private static final Logger log = LoggerFactory.getLogger(BackendConnection.class);

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
