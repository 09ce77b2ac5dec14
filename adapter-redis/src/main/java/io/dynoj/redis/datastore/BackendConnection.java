package io.dynoj.redis.datastore;

import io.dynoj.core.datastore.DatastoreMetrics;
import io.dynoj.core.datastore.ServerDatastore;
import io.dynoj.core.net.OutboundConnection;
import io.dynoj.core.net.ProgressWatchdog;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One persistent, pipelined connection to a redis-server, owned by one event loop: requests are
 * written in order without a flush each, and replies are matched to them in the same order.
 *
 * <p>When the server answers nothing for {@code timeout} while requests wait, or the connection
 * drops, every waiting request is answered with an error (a pipelined protocol cannot skip one
 * reply) and the connection reopens. Requests that arrive while it is down are refused at once
 * rather than queued, so a client never hangs on a dead datastore.
 */
final class BackendConnection extends OutboundConnection implements ServerDatastore.Sender {

    private static final Logger log = LoggerFactory.getLogger(BackendConnection.class);

    private final ProgressWatchdog watchdog;
    private final DatastoreMetrics metrics;
    private final ArrayDeque<ReplySink> waiting = new ArrayDeque<>();

    BackendConnection(EventLoop loop, Bootstrap bootstrap, InetSocketAddress address, long timeoutMillis,
                      DatastoreMetrics metrics) {
        super(loop, bootstrap, address, "datastore");
        this.watchdog = new ProgressWatchdog(timeoutMillis);
        this.metrics = metrics;
    }

    @Override
    protected void initPipeline(Channel channel) {
        BackendChannelInitializer.init(channel, this);
    }

    @Override
    public void send(Request request, ReplySink sink) {
        if (!isConnected()) {
            request.release();
            metrics.errors.inc();
            sink.error("datastore " + address() + " is not reachable");
            return;
        }
        waiting.add(sink);
        metrics.requests.inc();
        write(request.frame());
    }

    void onReply(ByteBuf reply) {
        ReplySink sink = waiting.poll();
        if (sink == null) {
            reply.release();
            log.error("datastore {} sent a reply nobody asked for; reconnecting", address());
            reset();
            return;
        }
        sink.reply(reply);
    }

    void onReadComplete() {
        watchdog.progress();
    }

    @Override
    protected void onDisconnected() {
        metrics.reconnects.inc();
        failWaiting("connection to datastore " + address() + " was lost");
    }

    @Override
    protected long tickMillis() {
        return watchdog.tickMillis();
    }

    @Override
    protected void onTick() {
        if (watchdog.expired(!waiting.isEmpty())) {
            long ms = watchdog.timeoutMillis();
            metrics.timeouts.inc();
            log.warn("datastore {} answered nothing for {} ms with {} requests waiting; reconnecting",
                    address(), ms, waiting.size());
            failWaiting("timeout: datastore " + address() + " did not answer within " + ms + " ms");
            watchdog.reset();
            reset();
        }
    }

    private void failWaiting(String message) {
        ReplySink sink;
        while ((sink = waiting.poll()) != null) {
            metrics.errors.inc();
            sink.error(message);
        }
    }
}
