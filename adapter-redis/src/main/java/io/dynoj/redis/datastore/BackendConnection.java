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

/** A {@link ServerConnection} speaking RESP to a redis-server: replies come back in request order. */
final class BackendConnection extends ServerConnection {

    private final ArrayDeque<ReplySink> waiting = new ArrayDeque<>();

    BackendConnection(EventLoop loop, Bootstrap bootstrap, InetSocketAddress address, long timeoutMillis,
                      DatastoreMetrics metrics) {
        super(loop, bootstrap, address, "datastore", timeoutMillis, metrics);
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
