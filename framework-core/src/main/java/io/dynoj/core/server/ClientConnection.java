package io.dynoj.core.server;

import com.codahale.metrics.Timer;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.net.FlushBatcher;
import io.dynoj.core.net.WriteBatch;
import io.dynoj.core.routing.ConsistencySettings;
import io.dynoj.core.spi.ClientInfo;
import io.dynoj.core.routing.RequestDispatcher;
import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayDeque;
import java.util.List;
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
final class ClientConnection extends ChannelInboundHandlerAdapter implements FlushBatcher.Flushable, ClientSession {

    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

    private final ProtocolAdapter protocol;
    private final RequestDispatcher dispatcher;
    private final ServerMetrics metrics;
    private final int maxInFlight;
    private final int id;
    private final ConsistencySettings nodeConsistency;
    private ConsistencyLevel readOverride;
    private ConsistencyLevel writeOverride;
    private final ArrayDeque<PendingReply> inFlight = new ArrayDeque<>();
    private final ReplyTimings timings = new ReplyTimings();
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
    private final ClientRegistry registry;
    private ClientInfo info = ClientInfo.detached();

    ClientConnection(ProtocolAdapter protocol, RequestDispatcher dispatcher, ServerMetrics metrics, int maxInFlight, int id,
                     ConsistencySettings nodeConsistency) {
        this(protocol, dispatcher, metrics, maxInFlight, id, nodeConsistency, new ClientRegistry());
    }

    ClientConnection(ProtocolAdapter protocol, RequestDispatcher dispatcher, ServerMetrics metrics, int maxInFlight, int id,
                     ConsistencySettings nodeConsistency, ClientRegistry registry) {
        this.registry = registry;
        this.nodeConsistency = nodeConsistency;
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
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        counted = true;
        metrics.connectionOpened();
        info = registry.opened(id, ctx.channel());
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
        info.requested(request.command(), start);
        LocalAnswer local = protocol.answerLocally(request, this);
        if (local != null) {
            request.release();
            inFlight.add(PendingReply.completed(this, local.reply(), local.closeAfter(), timer, start));
            drain();
            return;
        }
        if (!request.expectsReply()) {
            dispatcher.dispatch(request, new SilentReply(this, timer, start));
            pauseIfBusy();
            return;
        }
        PendingReply pending = new PendingReply(this, timer, start);
        inFlight.add(pending);
        try {
            dispatcher.dispatch(request, pending);
        } catch (RuntimeException e) {
            // Answer it, or every later reply on this connection would wait behind it forever.
            log.error("dispatching '{}' failed", request.command(), e);
            if (!pending.isDone()) {
                pending.error("internal error: " + e);
            }
        }
        pauseIfBusy();
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
        if (!ctx.channel().isActive()) {
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
            registry.closed(info);
        }
        discardInFlight();
        batch.discard();
        ctx.fireChannelInactive();
    }

    private void discardInFlight() {
        for (PendingReply p : inFlight) {
            p.discard();
        }
        inFlight.clear();
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

    EventLoop eventLoop() {
        return ctx.channel().eventLoop();
    }

    @Override
    public ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    @Override
    public ConsistencyLevel readConsistency() {
        return readOverride != null ? readOverride : nodeConsistency.read();
    }

    @Override
    public ConsistencyLevel writeConsistency() {
        return writeOverride != null ? writeOverride : nodeConsistency.write();
    }

    @Override
    public void readConsistency(ConsistencyLevel level) {
        readOverride = level;
    }

    @Override
    public void writeConsistency(ConsistencyLevel level) {
        writeOverride = level;
    }

    @Override
    public ClientInfo info() {
        return info;
    }

    @Override
    public List<ClientInfo> clients() {
        return registry.snapshot();
    }

    /** This connection's own read level, or {@code null} to use the node's. */
    ConsistencyLevel readOverride() {
        return readOverride;
    }

    ConsistencyLevel writeOverride() {
        return writeOverride;
    }

    int id() {
        return id;
    }
}
