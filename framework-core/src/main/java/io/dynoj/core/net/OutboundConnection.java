package io.dynoj.core.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A persistent connection the node opens to a datastore server or a peer, owned by one event loop.
 * It reconnects with exponential backoff (50 ms doubling to 5 s) when it drops or cannot connect,
 * coalesces flushes through {@link FlushBatcher}, and runs {@link #onTick()} periodically so a
 * subclass can time out requests that wait too long.
 *
 * <p>A connection with a handshake overrides {@link #opened(Channel)}: the connection counts as up
 * ({@link #isConnected()}, {@link #start()}'s future) only once it calls {@link #ready(Channel)}; a
 * channel that closes before that is a failed attempt, retried with the same backoff.
 *
 * <p>Threading: everything after construction runs on {@link #loop()}.
 */
public abstract class OutboundConnection implements FlushBatcher.Flushable {

    private static final Logger log = LoggerFactory.getLogger(OutboundConnection.class);
    private static final long MIN_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 5000;

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final InetSocketAddress address;
    private final String description;
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
    /** Volatile so that other threads may ask {@link #isConnected()}. */
    private volatile Channel channel;
    /** Connected, its handshake under way: not usable yet. */
    private Channel opening;
    /** Why the last handshake failed, as the subclass said ({@link #handshakeFailed}). */
    private String handshakeFailure;
    private WriteBatch batch;
    private boolean flushPending;
    private boolean closed;
    private long backoffMs = MIN_BACKOFF_MS;
    /** Connect attempts that failed since the connection was last up; only the first is logged. */
    private int failedAttempts;
    private ScheduledFuture<?> ticker;
    /** The next attempt, while one waits out its backoff; {@link #reconnectNow()} cancels it. */
    private ScheduledFuture<?> pendingReconnect;
    /** A connect attempt is under way (before its channel is {@link #opening}). */
    private boolean connecting;

    protected OutboundConnection(EventLoop loop, Bootstrap bootstrap, InetSocketAddress address, String description) {
        this.loop = loop;
        this.bootstrap = bootstrap.clone(loop).handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                OutboundTls tls = ch.attr(OutboundTls.KEY).get();
                if (tls != null) {
                    tls.addTo(ch, address);
                }
                initPipeline(ch);
            }
        });
        this.address = address;
        this.description = description;
    }

    /** Adds this connection's handlers to a new channel's pipeline (the one place it is built). */
    protected abstract void initPipeline(Channel channel);

    /** The connection dropped: answer everything that waits on it. */
    protected abstract void onDisconnected();

    /** Called every tick (see {@link #tickMillis()}) on the loop. */
    protected abstract void onTick();

    protected abstract long tickMillis();

    public final EventLoop loop() {
        return loop;
    }

    public final InetSocketAddress address() {
        return address;
    }

    protected final String description() {
        return description;
    }

    /** Starts connecting; completes when the first connection is up or has failed. */
    public final CompletableFuture<Void> start() {
        loop.execute(() -> {
            long tick = TimeUnit.MILLISECONDS.toNanos(tickMillis());
            ticker = loop.scheduleAtFixedRate(this::onTick, firstTickDelay(System.nanoTime(), tick), tick,
                    TimeUnit.NANOSECONDS);
            connect();
        });
        return firstConnect;
    }

    /**
     * Nanoseconds from {@code now} to the next multiple of {@code tick} on the {@link System#nanoTime()} clock (a
     * whole tick when {@code now} is one). Every connection with the same tick then ticks at the same instants: a
     * loop holding links to N peers wakes once per tick for all of them rather than N times, which kept the I/O
     * threads of an idle 24-node cluster 1-2 % of a core busy each (docs/PERFORMANCE.md, "Scale").
     */
    static long firstTickDelay(long now, long tick) {
        return tick - Math.floorMod(now, tick);
    }

    public final boolean isConnected() {
        return channel != null && channel.isActive();
    }

    /** Queues {@code bytes} (ownership passes); they leave with the one flush of this loop iteration. */
    protected final void write(ByteBuf bytes) {
        batch.add(bytes);
        flushLater();
    }

    /** Room for {@code bytes} more bytes in the outgoing batch, to encode into directly; then {@link #flushLater()}. */
    protected final ByteBuf reserve(int bytes) {
        return batch.reserve(bytes);
    }

    protected final void flushLater() {
        if (!flushPending) {
            flushPending = true;
            FlushBatcher.requestFlush(this, loop);
        }
    }

    @Override
    public final void flushNow() {
        flushPending = false;
        if (channel != null) {
            batch.flush();
        }
    }

    /** Drops the current connection (a protocol error or a timeout); it reconnects. */
    protected final void reset() {
        if (channel != null) {
            channel.close();
        }
        if (opening != null) {
            opening.close();
        }
    }

    /**
     * The channel is connected. Without a handshake it is ready at once (the default); a subclass with one
     * starts it here (or in the pipeline) and calls {@link #ready(Channel)} when it succeeds.
     */
    protected void opened(Channel ch) {
        ready(ch);
    }

    /** The handshake failed for {@code reason} (its channel is closing): said by {@link #start()}'s future. */
    protected final void handshakeFailed(String reason) {
        handshakeFailure = reason;
    }

    /** The handshake on {@code ch} succeeded: the connection is up. Ignored if {@code ch} closed meanwhile. */
    protected final void ready(Channel ch) {
        if (ch != opening) {
            return;
        }
        opening = null;
        handshakeFailure = null;
        batch = new WriteBatch(ch);
        channel = ch;
        backoffMs = MIN_BACKOFF_MS;
        if (failedAttempts > 0) {
            log.info("connected to {} {} after {} failed attempts", description, address, failedAttempts);
        } else {
            log.info("connected to {} {}", description, address);
        }
        failedAttempts = 0;
        firstConnect.complete(null);
    }

    /**
     * Connects now, without waiting out the backoff, when the connection is down and no attempt is under way:
     * the other end was seen alive (it connected to this node, or a ping was answered on a sibling
     * connection), so the next attempt should not wait up to 5 s. The backoff starts over. Callable from any
     * thread.
     */
    public final void reconnectNow() {
        loop.execute(() -> {
            if (closed || connecting || opening != null || channel != null || pendingReconnect == null) {
                return;
            }
            pendingReconnect.cancel(false);
            pendingReconnect = null;
            backoffMs = MIN_BACKOFF_MS;
            connect();
        });
    }

    private void connect() {
        pendingReconnect = null;
        if (closed) {
            return;
        }
        connecting = true;
        ChannelFuture future = bootstrap.connect(address);
        future.addListener(f -> {
            connecting = false;
            if (!f.isSuccess()) {
                firstConnect.completeExceptionally(f.cause());
                // One line per outage, not one per retry: the reconnect says how many attempts it took.
                if (failedAttempts++ == 0) {
                    log.warn("cannot connect to {} {}: {}; retrying (backoff up to {} ms)", description, address,
                            f.cause().getMessage(), MAX_BACKOFF_MS);
                } else {
                    log.debug("cannot connect to {} {}: {}; retrying in {} ms", description, address,
                            f.cause().getMessage(), backoffMs);
                }
                scheduleReconnect();
                return;
            }
            Channel ch = future.channel();
            if (closed) {
                ch.close();
                return;
            }
            opening = ch;
            ch.closeFuture().addListener(c -> disconnected(ch));
            SslHandler tls = ch.pipeline().get(SslHandler.class);
            if (tls == null) {
                opened(ch);
            } else {
                tls.handshakeFuture().addListener(h -> tlsHandshakeDone(ch, h.cause()));
            }
        });
    }

    /**
     * A TLS connection is open only once its handshake is done. A failed one is retried with the backoff;
     * the TLS guard in its pipeline has logged why (once per host and reason).
     */
    private void tlsHandshakeDone(Channel ch, Throwable failure) {
        if (failure == null) {
            opened(ch);
            return;
        }
        handshakeFailed("TLS handshake failed: " + OutboundTls.reason(failure));
        ch.close();
    }

    private void disconnected(Channel ch) {
        if (ch == opening) {
            // The handshake failed: the subclass has logged why (once per outage); retry as after a failed connect.
            opening = null;
            failedAttempts++;
            firstConnect.completeExceptionally(new IllegalStateException(description + " " + address + ": "
                    + (handshakeFailure != null ? handshakeFailure : "closed the connection before it was ready")));
            if (!closed) {
                scheduleReconnect();
            }
            return;
        }
        if (ch != channel) {
            return;
        }
        channel = null;
        batch.discard();
        onDisconnected();
        if (!closed) {
            log.warn("connection to {} {} closed; reconnecting", description, address);
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        pendingReconnect = loop.schedule(this::connect, backoffMs, TimeUnit.MILLISECONDS);
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    }

    /** Closes for good; {@link #onDisconnected()} answers what still waits. Idempotent. */
    public final void close() {
        loop.execute(() -> {
            if (closed) {
                return;
            }
            closed = true;
            if (ticker != null) {
                ticker.cancel(false);
            }
            if (opening != null) {
                opening.close();
            }
            if (channel != null) {
                channel.close();
            } else {
                onDisconnected();
            }
        });
    }
}
