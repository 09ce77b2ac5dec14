package io.dynoj.redis.datastore;

import io.dynoj.core.server.FlushBatcher;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One persistent, pipelined connection to a datastore server, owned by one event loop: requests are
 * written in order without a flush each, and replies are matched to them in the same order.
 *
 * <p>Failure handling: when the server answers nothing for {@code timeout} while requests wait, or the
 * connection drops, every waiting request is answered with an error (a pipelined protocol cannot skip
 * one reply) and the connection is re-opened with exponential backoff. Requests that arrive while it
 * is down are refused at once rather than queued, so a client never hangs on a dead datastore.
 *
 * <p>Threading: every method runs on {@link #loop()}.
 */
final class BackendConnection implements FlushBatcher.Flushable {

    private static final Logger log = LoggerFactory.getLogger(BackendConnection.class);
    private static final long MIN_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 5000;

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final InetSocketAddress address;
    private final long timeoutNanos;
    private final DatastoreMetrics metrics;
    private final ArrayDeque<ReplySink> waiting = new ArrayDeque<>();
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
    private Channel channel;
    private boolean flushPending;
    private boolean closed;
    private long lastProgressNanos;
    private long backoffMs = MIN_BACKOFF_MS;
    private ScheduledFuture<?> timeoutCheck;

    BackendConnection(EventLoop loop, Bootstrap bootstrap, InetSocketAddress address, long timeoutMillis,
                      DatastoreMetrics metrics) {
        this.loop = loop;
        this.bootstrap = bootstrap.clone(loop).handler(new BackendChannelInitializer(this));
        this.address = address;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.metrics = metrics;
    }

    EventLoop loop() {
        return loop;
    }

    /** Starts connecting; completes when the first connection is up or has failed. */
    CompletableFuture<Void> start() {
        loop.execute(() -> {
            long tick = Math.max(10, Math.min(250, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 4));
            timeoutCheck = loop.scheduleAtFixedRate(this::checkTimeout, tick, tick, TimeUnit.MILLISECONDS);
            connect();
        });
        return firstConnect;
    }

    boolean isConnected() {
        return channel != null && channel.isActive();
    }

    void send(Request request, ReplySink sink) {
        if (!isConnected()) {
            request.release();
            metrics.errors.inc();
            sink.error("datastore " + address + " is not reachable");
            return;
        }
        if (waiting.isEmpty()) {
            lastProgressNanos = System.nanoTime();
        }
        waiting.add(sink);
        metrics.requests.inc();
        channel.write(request.frame(), channel.voidPromise());
        if (!flushPending) {
            flushPending = true;
            FlushBatcher.requestFlush(this, loop);
        }
    }

    @Override
    public void flushNow() {
        flushPending = false;
        if (channel != null) {
            channel.flush();
        }
    }

    void onReply(ByteBuf reply) {
        ReplySink sink = waiting.poll();
        if (sink == null) {
            reply.release();
            log.error("datastore {} sent a reply nobody asked for; reconnecting", address);
            channel.close();
            return;
        }
        sink.reply(reply);
    }

    void onReadComplete() {
        lastProgressNanos = System.nanoTime();
    }

    void onDisconnected(Channel ch) {
        if (ch != channel) {
            return;
        }
        failWaiting("connection to datastore " + address + " was lost");
        channel = null;
        if (!closed) {
            scheduleReconnect();
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        ChannelFuture future = bootstrap.connect(address);
        future.addListener(f -> {
            if (f.isSuccess()) {
                if (closed) {
                    future.channel().close();
                    return;
                }
                channel = future.channel();
                backoffMs = MIN_BACKOFF_MS;
                log.info("connected to datastore {}", address);
                firstConnect.complete(null);
            } else {
                firstConnect.completeExceptionally(f.cause());
                log.warn("cannot connect to datastore {}: {}; retrying in {} ms", address, f.cause().getMessage(), backoffMs);
                scheduleReconnect();
            }
        });
    }

    private void scheduleReconnect() {
        metrics.reconnects.inc();
        loop.schedule(this::connect, backoffMs, TimeUnit.MILLISECONDS);
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    }

    private void checkTimeout() {
        if (!waiting.isEmpty() && System.nanoTime() - lastProgressNanos > timeoutNanos) {
            metrics.timeouts.inc();
            log.warn("datastore {} answered nothing for {} ms with {} requests waiting; reconnecting",
                    address, TimeUnit.NANOSECONDS.toMillis(timeoutNanos), waiting.size());
            failWaiting("timeout: datastore " + address + " did not answer within "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
            if (channel != null) {
                channel.close();
            }
        }
    }

    private void failWaiting(String message) {
        ReplySink sink;
        while ((sink = waiting.poll()) != null) {
            metrics.errors.inc();
            sink.error(message);
        }
    }

    /** Closes for good; waiting requests are answered with an error. */
    void close() {
        loop.execute(() -> {
            closed = true;
            if (timeoutCheck != null) {
                timeoutCheck.cancel(false);
            }
            failWaiting("datastore " + address + " is shutting down");
            if (channel != null) {
                channel.close();
            }
        });
    }
}
