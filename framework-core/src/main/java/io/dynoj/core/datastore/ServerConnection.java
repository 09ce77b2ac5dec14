package io.dynoj.core.datastore;

import io.dynoj.core.net.OutboundConnection;
import io.dynoj.core.net.ProgressWatchdog;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One persistent, pipelined connection to a datastore server (redis-server, memcached), owned by one
 * event loop: requests are written in order without a flush each, and replies are matched to them in
 * the same order. The base class an adapter of a server extends, used through {@link ServerDatastore};
 * the subclass knows its protocol, this class everything else.
 *
 * <p>A subclass implements:
 * <ul>
 *   <li>{@link #initPipeline(Channel)}: the server's reply decoder, which emits one {@link ByteBuf}
 *       per whole reply, then {@link ReplyHandler} last. The one place the pipeline is built.</li>
 *   <li>{@link #send(Request, ReplySink)}: first {@link #refusedWhileDown}; then queue the sink where
 *       {@link #pollWaiting()} finds it, count {@code metrics.requests}, and {@link #write} the
 *       request's bytes (usually its {@link Request#frame() frame}, which passes ownership of the
 *       request). A request the connection does not write it releases itself.</li>
 *   <li>{@link #pollWaiting()} and {@link #waitingCount()}: the queue of sinks waiting for a reply,
 *       oldest first (an {@code ArrayDeque} suffices: only the loop touches it).</li>
 * </ul>
 * It must not answer a sink it has queued: replies, errors, timeouts and drops all reach the queue
 * through this class.
 *
 * <p>What this class does: each whole reply answers the oldest waiting sink, which then owns the
 * reply's buffer; a reply nobody waits for drops the connection. When the server answers nothing
 * for {@code timeout} while requests wait ({@link ProgressWatchdog}), or the connection drops, every
 * waiting request is answered with an error (a pipelined protocol cannot skip one reply), counted,
 * and the connection reopens with backoff. Requests that arrive while it is down are refused at once
 * rather than queued, so a client never hangs on a dead datastore.
 *
 * <p>Threading: everything runs on {@link #loop()} ({@link ServerDatastore} calls {@link #send}
 * there), so a subclass needs no synchronisation; sinks may hand the reply to another thread.
 */
public abstract class ServerConnection extends OutboundConnection {

    private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);

    private final ProgressWatchdog watchdog;
    protected final DatastoreMetrics metrics;

    protected ServerConnection(EventLoop loop, Bootstrap bootstrap, InetSocketAddress address, String description,
                               long timeoutMillis, DatastoreMetrics metrics) {
        super(loop, bootstrap, address, description);
        this.watchdog = new ProgressWatchdog(timeoutMillis);
        this.metrics = metrics;
    }

    /** Sends one request (ownership passes) and answers its sink once; called on {@link #loop()}. */
    public abstract void send(Request request, ReplySink sink);

    /** The oldest request waiting for a reply, removed; {@code null} when none waits. */
    protected abstract ReplySink pollWaiting();

    protected abstract int waitingCount();

    /** Refuses {@code request} when the connection is down; true if it did. */
    protected final boolean refusedWhileDown(Request request, ReplySink sink) {
        if (isConnected()) {
            return false;
        }
        request.release();
        metrics.errors.inc();
        sink.error("datastore " + address() + " is not reachable");
        return true;
    }

    /** A whole reply arrived: it answers the oldest waiting request. */
    public final void onReply(ByteBuf reply) {
        ReplySink sink = pollWaiting();
        if (sink == null) {
            reply.release();
            log.error("{} {} sent a reply nobody asked for; reconnecting", description(), address());
            reset();
            return;
        }
        sink.reply(reply);
    }

    @Override
    protected final void onDisconnected() {
        metrics.reconnects.inc();
        failWaiting("connection to datastore " + address() + " was lost");
    }

    @Override
    protected final long tickMillis() {
        return watchdog.tickMillis();
    }

    @Override
    protected final void onTick() {
        if (watchdog.expired(waitingCount() > 0)) {
            long ms = watchdog.timeoutMillis();
            metrics.timeouts.inc();
            log.warn("{} {} answered nothing for {} ms with {} requests waiting; reconnecting",
                    description(), address(), ms, waitingCount());
            failWaiting("timeout: datastore " + address() + " did not answer within " + ms + " ms");
            watchdog.reset();
            reset();
        }
    }

    private void failWaiting(String message) {
        ReplySink sink;
        while ((sink = pollWaiting()) != null) {
            metrics.errors.inc();
            sink.error(message);
        }
    }

    /** The last handler of a server connection's pipeline: whole replies in, in order. One per channel. */
    public static final class ReplyHandler extends ChannelInboundHandlerAdapter {

        private final ServerConnection connection;

        public ReplyHandler(ServerConnection connection) {
            this.connection = connection;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            connection.onReply((ByteBuf) msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            connection.watchdog.progress();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("{} connection {} failed: {}; reconnecting", connection.description(),
                    ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
