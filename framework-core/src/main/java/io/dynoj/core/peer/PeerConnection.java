package io.dynoj.core.peer;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.health.PeerHealth;
import io.dynoj.core.health.PeerState;
import io.dynoj.core.net.InFlightWindow;
import io.dynoj.core.net.OutboundConnection;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a peer, owned by one event loop. It is usable once the peer accepted its hello
 * ({@link PeerHelloClientHandler}); a refused hello is logged once per outage with the peer's reason,
 * and requests meanwhile fail with it. Requests carry ids, so answers may come in any order; one that
 * is not answered within the peer timeout gets an error without disturbing the others. When the
 * connection drops, everything waiting on it fails at once and it reconnects.
 *
 * <p>Failure detection: it notes when a frame (or part of one) last came in, and when the peer last took
 * bytes that waited for it ({@link PeerWriteProgress}, seen at each tick): {@link #lastHeard()}, read by the
 * links' monitor as the peer's heartbeat. So a link busy with a large frame in either direction is alive
 * while the frame moves, though a ping queued behind it waits. It pings the peer when nothing came for the
 * ping interval, so a busy connection costs nothing extra. While the peer is DOWN ({@link PeerHealth})
 * requests fail at once.
 */
final class PeerConnection extends OutboundConnection implements PeerHelloClientHandler.Outcome {

    private static final Logger log = LoggerFactory.getLogger(PeerConnection.class);

    private final String peerName;
    private final long timeoutNanos;
    private final long maxPayload;
    private final PeerMetrics metrics;
    private final PeerIdentity self;
    private final PeerHealth health;
    private final long pingIntervalNanos;
    /** Told when the connection is up: a DOWN peer is judged again at once, not at the monitor's next round. */
    private final Runnable onReady;
    /** {@link System#nanoTime()} when a frame last came from the peer; 0 before any. Read by the monitor. */
    private volatile long lastReceived;
    /** {@link System#nanoTime()} of the tick that saw the peer take bytes waiting for it; 0 before any. */
    private volatile long lastDrained;
    /** Whether the peer takes what waits for it on the current channel; replaced at each HELLO_OK. On the loop. */
    private PeerWriteProgress progress;
    /** An idle-link ping is waiting for its PONG: no other is sent meanwhile. */
    private boolean idlePingWaiting;
    /**
     * A {@link ReplySink}, a {@link Waiter} for requests whose background work is awaited too, or a
     * {@link PendingPing}.
     */
    private final InFlightWindow<Object> waiting = new InFlightWindow<>();
    /** Why the peer refused the last hello, until one is accepted: logged once, and told to failed requests. */
    private String refusal;
    /** The peer left the topology: close once everything sent has its answer or its timeout. */
    private boolean draining;

    PeerConnection(EventLoop loop, Bootstrap bootstrap, InetSocketAddress address, String peerName,
                   PeerIdentity self, long timeoutMillis, long maxPayload, PeerMetrics metrics, PeerHealth health,
                   long pingIntervalMillis, Runnable onReady) {
        super(loop, bootstrap, address, "peer " + peerName);
        this.peerName = peerName;
        this.self = self;
        this.health = health;
        this.pingIntervalNanos = TimeUnit.MILLISECONDS.toNanos(pingIntervalMillis);
        this.onReady = onReady;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.maxPayload = maxPayload;
        this.metrics = metrics;
    }

    @Override
    protected void initPipeline(Channel channel) {
        PeerChannels.initClient(channel, this, self, maxPayload, TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
    }

    /** The hello handler calls {@link #ready} at the HELLO_OK. */
    @Override
    protected void opened(Channel channel) {
    }

    @Override
    public void accepted(Channel channel, PeerIdentity peer) {
        refusal = null;
        log.debug("peer {} is {}", peerName, peer);
        progress = new PeerWriteProgress(channel);
        ready(channel);
        received(); // its HELLO_OK
        onReady.run();
    }

    @Override
    public void refused(String reason) {
        if (!reason.equals(refusal)) { // once per outage and reason; OutboundConnection counts the attempts
            log.warn("peer {} at {}: {}; retrying (backoff up to 5 s)", peerName, address(), reason);
        } else {
            log.debug("peer {} at {}: {}", peerName, address(), reason);
        }
        refusal = reason;
        handshakeFailed(reason);
    }

    /**
     * Sends {@code request} (ownership passes) to the peer; its answer goes to {@code sink}. When
     * {@code onDone} is not null it runs once the peer's work for the request is over: with the answer,
     * or, when the peer answered first and replicates on, at its DONE (or when the wait ends in a
     * timeout or a lost connection).
     */
    void send(Request request, byte mode, ConsistencyLevel level, byte origin, ReplySink sink, Runnable onDone) {
        boolean connected = isConnected();
        if (!connected || health.state() == PeerState.DOWN) {
            request.release();
            metrics.failed.inc();
            sink.error(connected ? "peer " + peerName + " is DOWN"
                    : "peer " + peerName + " is not reachable" + (refusal == null ? "" : ": it " + refusal));
            runQuietly(onDone);
            return;
        }
        long now = System.nanoTime();
        health.requestSent(now);
        long id = waiting.add(onDone == null ? sink : new Waiter(sink, onDone), now + timeoutNanos);
        metrics.requests.inc();
        ByteBuf frame = request.frame();
        long writeTime = request.writeTime();
        if (writeTime == 0) {
            PeerMessage.writeHeader(reserve(PeerMessage.HEADER_LENGTH + frame.readableBytes()), PeerMessage.REQUEST,
                    mode, level.code(), origin, (byte) 0, id, frame.readableBytes());
        } else {
            byte flags = (byte) (PeerMessage.FLAG_WRITE_TIME
                    | (request.writeTimeGuarded() ? PeerMessage.FLAG_WRITE_TIME_GUARDED : 0));
            ByteBuf out = reserve(PeerMessage.HEADER_LENGTH + PeerMessage.WRITE_TIME_LENGTH + frame.readableBytes());
            PeerMessage.writeHeader(out, PeerMessage.REQUEST, mode, level.code(), origin, flags, id,
                    PeerMessage.WRITE_TIME_LENGTH + frame.readableBytes());
            out.writeLong(writeTime);
        }
        write(frame);
    }

    /**
     * Sends a PING; the future completes with the round trip at the PONG, or fails (not connected, a
     * timeout, a lost connection, an ERROR from a peer that does not serve pings). Callable from any thread.
     */
    CompletableFuture<Duration> ping() {
        CompletableFuture<Duration> result = new CompletableFuture<>();
        loop().execute(() -> sendPing(result));
        return result;
    }

    private void sendPing(CompletableFuture<Duration> result) {
        if (!isConnected()) {
            result.completeExceptionally(new IllegalStateException("peer " + peerName + " is not reachable"
                    + (refusal == null ? "" : ": it " + refusal)));
            return;
        }
        long start = System.nanoTime();
        long id = waiting.add(new PendingPing(result, start), start + timeoutNanos);
        PeerMessage.writeHeader(reserve(PeerMessage.HEADER_LENGTH), PeerMessage.PING, (byte) 0, (byte) 0,
                (byte) 0, (byte) 0, id, 0);
        flushLater();
    }

    /**
     * Sends a frame of {@code kind} carrying {@code payload} (ownership passes) and completes with its
     * answer of the same kind, read by {@code decoder} on the event loop; fails as {@link #ping()} does.
     * Callable from any thread.
     */
    <T> CompletableFuture<T> exchange(byte kind, ByteBuf payload, Function<ByteBuf, T> decoder) {
        return exchange(kind, payload, decoder, timeoutNanos);
    }

    /** As {@link #exchange(byte, ByteBuf, Function)}, answered within {@code timeout} ns (a scan takes long). */
    <T> CompletableFuture<T> exchange(byte kind, ByteBuf payload, Function<ByteBuf, T> decoder, long timeout) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop().execute(() -> {
            if (!isConnected()) {
                payload.release();
                result.completeExceptionally(new IllegalStateException("peer " + peerName + " is not reachable"
                        + (refusal == null ? "" : ": it " + refusal)));
                return;
            }
            long id = waiting.add(new PendingExchange<>(kind, decoder, result), System.nanoTime() + timeout);
            PeerMessage.writeHeader(reserve(PeerMessage.HEADER_LENGTH), kind, (byte) 0, (byte) 0, (byte) 0,
                    (byte) 0, id, payload.readableBytes());
            write(payload);
        });
        return result;
    }

    /**
     * When the peer was last seen alive on this connection ({@link System#nanoTime()}): a frame or part of one
     * came from it, or it took bytes that waited for it. 0 before either. Read by the monitor.
     */
    long lastHeard() {
        long received = lastReceived;
        long drained = lastDrained;
        return drained != 0 && (received == 0 || drained - received > 0) ? drained : received;
    }

    /** A frame (or part of one) came in: the peer is alive. On the loop, once per read. */
    void received() {
        lastReceived = System.nanoTime();
    }

    /** Pings an idle connection, one ping at a time: its PONG is the peer's heartbeat when nothing else comes. */
    private void pingIfIdle(long now) {
        if (!idlePingWaiting && isConnected() && now - lastReceived >= pingIntervalNanos) {
            idlePingWaiting = true;
            CompletableFuture<Duration> pong = new CompletableFuture<>();
            pong.whenComplete((rtt, failure) -> idlePingWaiting = false); // completed on the loop
            sendPing(pong);
        }
    }

    void onAnswer(PeerMessage m) {
        Object entry = waiting.get(m.requestId());
        if (entry == null) {
            // Answered after its timeout: the caller already got an error.
            m.payload().release();
            return;
        }
        if (entry instanceof PendingPing ping) {
            waiting.remove(m.requestId());
            ping.answered(m, metrics);
            closeIfDrained();
            return;
        }
        if (entry instanceof PendingExchange<?> exchange) {
            waiting.remove(m.requestId());
            exchange.answered(m);
            closeIfDrained();
            return;
        }
        Waiter waiter = entry instanceof Waiter w ? w : null;
        boolean doneFollows = waiter != null && m.type() != PeerMessage.DONE
                && (m.flags() & PeerMessage.FLAG_DONE_FOLLOWS) != 0;
        if (!doneFollows) {
            waiting.remove(m.requestId());
        }
        ReplySink sink = waiter != null ? waiter.takeSink() : (ReplySink) entry;
        if (sink != null && m.type() == PeerMessage.DONE) {
            m.payload().release();
            metrics.failed.inc();
            sink.error("peer " + peerName + " ended a request without answering it");
        } else if (sink == null || m.type() == PeerMessage.DONE) {
            m.payload().release();
        } else if (m.type() == PeerMessage.REPLY) {
            sink.reply(m.payload());
        } else {
            String message = m.payload().toString(StandardCharsets.UTF_8);
            m.payload().release();
            metrics.failed.inc();
            sink.error(message);
        }
        if (waiter != null && !doneFollows) {
            runQuietly(waiter.onDone);
        }
        closeIfDrained();
    }

    /**
     * The peer left the topology: requests already sent get their answers (or their timeouts), then the
     * connection closes for good. Callable from any thread.
     */
    void drainAndClose() {
        loop().execute(() -> {
            draining = true;
            closeIfDrained();
        });
    }

    private void closeIfDrained() {
        if (draining && waiting.size() == 0) {
            close();
        }
    }

    /**
     * The peer is DOWN: what waits for its answer fails now rather than at its timeout, so quorums are
     * decided and background slots freed (a request forwarded to it as a write's primary gets an error of
     * unknown fate, as at a timeout). Waiting pings fail too, so the idle ping starts again and its PONG
     * brings the peer back. Callable from any thread.
     */
    void failWaiting() {
        loop().execute(() -> {
            waiting.drain(entry -> fail(entry, "peer " + peerName + " is DOWN"));
            closeIfDrained();
        });
    }

    @Override
    protected void onDisconnected() {
        if (waiting.size() > 0) {
            log.warn("connection to peer {} lost with {} requests waiting", peerName, waiting.size());
        }
        waiting.drain(entry -> fail(entry, "connection to peer " + peerName + " was lost"));
    }

    private void fail(Object entry, String message) {
        if (entry instanceof PendingPing ping) {
            ping.result().completeExceptionally(new IllegalStateException(message));
            return;
        }
        if (entry instanceof PendingExchange<?> exchange) {
            exchange.result().completeExceptionally(new IllegalStateException(message));
            return;
        }
        Waiter waiter = entry instanceof Waiter w ? w : null;
        ReplySink sink = waiter != null ? waiter.takeSink() : (ReplySink) entry;
        if (sink != null) {
            metrics.failed.inc();
            sink.error(message);
        }
        if (waiter != null) {
            runQuietly(waiter.onDone);
        }
    }

    private static void runQuietly(Runnable action) {
        if (action != null) {
            action.run();
        }
    }

    @Override
    protected long tickMillis() {
        // Also paces idle pings: a ping leaves at most a tick after the ping interval.
        return Math.max(10, Math.min(Math.min(100, TimeUnit.NANOSECONDS.toMillis(pingIntervalNanos) / 4),
                TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 4));
    }

    @Override
    protected void onTick() {
        long now = System.nanoTime();
        Object expired;
        while ((expired = waiting.expireOldest(now)) != null) {
            if (!(expired instanceof PendingPing) && !(expired instanceof PendingExchange<?>)) {
                metrics.timeouts.inc();
            }
            fail(expired, "timeout: peer " + peerName + " did not answer within "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
        }
        closeIfDrained();
        if (isConnected() && progress != null && progress.drained()) {
            lastDrained = now;
        }
        if (!draining) {
            pingIfIdle(now);
        }
    }

    /** A request's sink until its answer, then what runs when the peer's background work ends. */
    private static final class Waiter {
        private ReplySink sink;
        private final Runnable onDone;

        Waiter(ReplySink sink, Runnable onDone) {
            this.sink = sink;
            this.onDone = onDone;
        }

        ReplySink takeSink() {
            ReplySink s = sink;
            sink = null;
            return s;
        }
    }
}
