package io.dynoj.core.server;

import com.codahale.metrics.Timer;
import io.dynoj.core.net.FlushBatcher;
import io.dynoj.core.net.WriteBatch;
import io.dynoj.core.routing.ConsistencySettings;
import io.dynoj.core.routing.RequestDispatcher;
import io.dynoj.core.spi.AuthState;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.PubSub;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: hands each decoded request to the node (answered locally or by the
 * datastore) and writes the replies back in request order, however many are in flight.
 *
 * <p>Stateful, one per channel; everything runs on the channel's event loop. Reading pauses while
 * the client has {@code maxInFlight} requests unanswered, which bounds the memory one client can
 * tie up in the node and pushes back on a client that pipelines faster than the datastore answers.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter implements FlushBatcher.Flushable {

    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
    /** What a subscriber may leave unread before it is disconnected: Redis's pubsub hard limit. */
    static final long MAX_PUSHED_BYTES = 32L * 1024 * 1024;

    private final ProtocolAdapter protocol;
    private final RequestDispatcher dispatcher;
    private final ServerMetrics metrics;
    private final int maxInFlight;
    private final int id;
    private final ConnectionSession session;
    /** Small at first (ArrayDeque's default is 16 slots): most connections have one or a few requests in flight. */
    private final ArrayDeque<PendingReply> inFlight = new ArrayDeque<>(2);
    /** Null where no read can overtake an earlier write (a node alone, one rack): that path pays nothing. */
    private final WriteFence fence;
    private final ReplyTimings timings = new ReplyTimings();
    /** Null when the node asks clients for no authentication: that path only tests a null field. */
    private final AuthState auth;
    private ChannelHandlerContext ctx;
    private WriteBatch batch;
    private boolean flushPending;
    private boolean closing;
    private boolean paused;
    /** Whether this connection was counted as open (it became active). */
    private boolean counted;
    /** {@link System#nanoTime()} at the first request of the current read, 0 between reads. */
    private long readStartNanos;
    /** Requests answered whose replication still runs; they count towards maxInFlight. */
    private int background;

    /** A connection of its own registry and without a fence (tests). */
    ClientConnection(ProtocolAdapter protocol, RequestDispatcher dispatcher, ServerMetrics metrics, int maxInFlight, int id,
                     ConsistencySettings nodeConsistency) {
        this(protocol, dispatcher, metrics, maxInFlight, id, nodeConsistency, new ClientRegistry(), false);
    }

    ClientConnection(ProtocolAdapter protocol, RequestDispatcher dispatcher, ServerMetrics metrics, int maxInFlight, int id,
                     ConsistencySettings nodeConsistency, ClientRegistry registry, boolean fenceWrites) {
        this(protocol, dispatcher, metrics, maxInFlight, id, nodeConsistency, registry, fenceWrites, null, null);
    }

    /**
     * @param pubSub the node's publish/subscribe hub, or null where there is none
     * @param auth what the connection has proved, checked before each request is answered or routed; null: no auth
     */
    ClientConnection(ProtocolAdapter protocol, RequestDispatcher dispatcher, ServerMetrics metrics, int maxInFlight, int id,
                     ConsistencySettings nodeConsistency, ClientRegistry registry, boolean fenceWrites, PubSub pubSub,
                     AuthState auth) {
        this.auth = auth;
        this.fence = fenceWrites ? new WriteFence(this::serve) : null;
        this.session = new ConnectionSession(nodeConsistency, registry, pubSub, this::push);
        this.protocol = protocol;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.maxInFlight = maxInFlight;
        this.id = id;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.batch = new WriteBatch(ctx.channel());
        session.attach(ctx.channel());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        counted = true;
        metrics.connectionOpened();
        session.opened(id);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Request request = (Request) msg;
        if (closing) {
            request.release();
            return;
        }
        metrics.request();
        // Timed from the read that brought it to the flush that sends its reply (ReplyTimings).
        Timer timer = metrics.commandTimer(request.command());
        long start = readStart();
        session.info().requested(request.command(), start);
        if (fence != null && fence.mustHold(request)) {
            // Its place in the reply order is taken now; a noreply request's place stays empty (untimed).
            PendingReply place = new PendingReply(this, request.expectsReply() ? timer : null, start);
            inFlight.add(place);
            fence.hold(request, place, timer, start);
            metrics.held();
            pauseIfBusy();
            return;
        }
        serve(request, null, timer, start);
    }

    /** Answers or dispatches {@code request}, its reply in {@code place} when it was held (else null). */
    private void serve(Request request, PendingReply place, Timer timer, long start) {
        // Here, not in a handler of its own: a refusal must take its place in the reply order like any answer.
        LocalAnswer local = auth == null ? null : auth.check(request, session);
        if (local == null) {
            local = protocol.answerLocally(request, session);
        }
        if (local != null && local.pending() != null) {
            request.release();
            answerLater(local, place, timer, start);
            return;
        }
        if (local != null) {
            request.release();
            if (place != null) {
                place.answer(local.reply(), local.closeAfter());
            } else {
                inFlight.add(PendingReply.completed(this, local.reply(), local.closeAfter(), timer, start));
                drain();
            }
            return;
        }
        if (!request.expectsReply()) {
            SilentReply silent = new SilentReply(this, timer, start);
            if (place != null) {
                place.answer(Unpooled.EMPTY_BUFFER, false);
            }
            dispatcher.dispatch(request, counted(request, silent));
            pauseIfBusy();
            return;
        }
        PendingReply pending = place;
        if (pending == null) {
            pending = new PendingReply(this, timer, start);
            inFlight.add(pending);
        }
        ReplySink sink = counted(request, pending);
        try {
            dispatcher.dispatch(request, sink);
        } catch (RuntimeException e) {
            // Answer it, or every later reply on this connection would wait behind it forever.
            log.error("dispatching '{}' failed", request.command(), e);
            if (!pending.isDone()) {
                sink.error("internal error: " + e);
            }
        }
        pauseIfBusy();
    }

    /** Keeps the request's place in the reply order until the node's own answer completes (on any thread). */
    private void answerLater(LocalAnswer local, PendingReply place, Timer timer, long start) {
        PendingReply pending = place;
        if (pending == null) {
            pending = new PendingReply(this, timer, start);
            inFlight.add(pending);
        }
        PendingReply answer = pending;
        local.pending().whenComplete((reply, failure) -> {
            if (failure == null) {
                answer.reply(reply);
            } else {
                answer.error(failure.getMessage());
            }
        });
        pauseIfBusy();
    }

    /**
     * Writes {@code message} (ownership passes) after every reply already due: a published message to a
     * subscriber. Callable from any thread. A subscriber that reads too slowly is disconnected once
     * {@link #MAX_PUSHED_BYTES} wait to be written, as Redis does (client-output-buffer-limit pubsub 32mb).
     */
    void push(ByteBuf message) {
        EventLoop loop = eventLoop();
        if (!loop.inEventLoop()) {
            loop.execute(() -> push(message));
            return;
        }
        if (closing || !ctx.channel().isActive()) {
            message.release();
            return;
        }
        if (ctx.channel().bytesBeforeWritable() > MAX_PUSHED_BYTES) {
            message.release();
            log.warn("closing subscriber {}: more than {} bytes of messages wait to be written",
                    ctx.channel().remoteAddress(), MAX_PUSHED_BYTES);
            closing = true;
            ctx.close();
            discardInFlight();
            return;
        }
        inFlight.add(PendingReply.completed(this, message, false, null, 0));
        drain();
    }

    /** The sink to dispatch {@code request} with: the fence's, counting it until answered, for a write. */
    private ReplySink counted(Request request, ConnectionSink sink) {
        return fence == null ? sink : fence.dispatching(request, sink);
    }

    /** When the requests of this read arrived: the clock is read once per read, not per request. */
    private long readStart() {
        if (readStartNanos == 0) {
            readStartNanos = System.nanoTime();
        }
        return readStartNanos;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readStartNanos = 0;
        ctx.fireChannelReadComplete();
    }

    private void pauseIfBusy() {
        if (!paused && inFlight.size() + background >= maxInFlight) {
            paused = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void resumeIfIdle() {
        if (paused && inFlight.size() + background <= maxInFlight / 2) {
            paused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** A request's work goes on after its answer; see {@link io.dynoj.core.spi.ReplySink#background()}. */
    Runnable backgroundStarted() {
        background++;
        return () -> {
            EventLoop loop = eventLoop();
            if (loop.inEventLoop()) {
                backgroundEnded();
            } else {
                loop.execute(this::backgroundEnded);
            }
        };
    }

    private void backgroundEnded() {
        background--;
        resumeIfIdle();
    }

    /** Called on the event loop when {@code reply} completes. */
    void onCompleted(PendingReply reply) {
        if (closing || !ctx.channel().isActive()) { // its place was discarded with the connection's
            reply.discard();
            return;
        }
        if (inFlight.peek() == reply) {
            drain();
        }
    }

    private void drain() {
        PendingReply head;
        boolean wrote = false;
        while ((head = inFlight.peek()) != null && head.isDone()) {
            inFlight.poll();
            ByteBuf bytes = head.takeReply();
            if (bytes == null) {
                metrics.error();
                bytes = protocol.errorReply(ctx.alloc(), head.error());
            }
            batch.add(bytes);
            timings.queued(head.timer(), head.startNanos());
            if (head.closeAfter()) {
                closing = true;
                batch.flush();
                timings.flushed();
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                discardInFlight();
                return;
            }
            wrote = true;
        }
        if (wrote && !flushPending) {
            flushPending = true;
            FlushBatcher.requestFlush(this, ctx.channel().eventLoop());
        }
        resumeIfIdle();
    }

    @Override
    public void flushNow() {
        flushPending = false;
        batch.flush();
        timings.flushed();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (counted) { // a connection the limiter refused never became active here
            metrics.connectionClosed();
            session.closed();
        }
        discardInFlight();
        batch.discard();
        ctx.fireChannelInactive();
    }

    /** Drops every reply still to come, and what the fence holds (the places of held requests are among them). */
    private void discardInFlight() {
        for (PendingReply p : inFlight) {
            p.discard();
        }
        inFlight.clear();
        if (fence != null) {
            fence.discard();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            log.debug("closing idle client connection {}", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("client connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    /** Whether this connection is closed or closing: its replies go nowhere. Any thread. */
    boolean closed() {
        return closing || ctx == null || !ctx.channel().isActive();
    }

    EventLoop eventLoop() {
        return ctx.channel().eventLoop();
    }

    /** What this connection's local commands see and change; its own consistency levels. */
    ConnectionSession session() {
        return session;
    }

    int id() {
        return id;
    }
}
