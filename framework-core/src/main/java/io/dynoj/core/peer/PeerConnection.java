package io.dynoj.core.peer;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.net.InFlightWindow;
import io.dynoj.core.net.OutboundConnection;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a peer, owned by one event loop. Requests carry ids, so answers may come in any
 * order; one that is not answered within the peer timeout gets an error without disturbing the
 * others. When the connection drops, everything waiting on it fails at once and it reconnects.
 */
final class PeerConnection extends OutboundConnection {

    private static final Logger log = LoggerFactory.getLogger(PeerConnection.class);

    private final String peerName;
    private final long timeoutNanos;
    private final long maxPayload;
    private final PeerMetrics metrics;
    private final InFlightWindow<ReplySink> waiting = new InFlightWindow<>();

    PeerConnection(EventLoop loop, Bootstrap bootstrap, InetSocketAddress address, String peerName,
                   long timeoutMillis, long maxPayload, PeerMetrics metrics) {
        super(loop, bootstrap, address, "peer " + peerName);
        this.peerName = peerName;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.maxPayload = maxPayload;
        this.metrics = metrics;
    }

    @Override
    protected void initPipeline(Channel channel) {
        PeerChannels.initClient(channel, this, maxPayload);
    }

    /** Sends {@code request} (ownership passes) to the peer; its answer goes to {@code sink}. */
    void send(Request request, byte mode, ConsistencyLevel level, ReplySink sink) {
        if (!isConnected()) {
            request.release();
            metrics.failed.inc();
            sink.error("peer " + peerName + " is not reachable");
            return;
        }
        long id = waiting.add(sink, System.nanoTime() + timeoutNanos);
        metrics.requests.inc();
        ByteBuf frame = request.frame();
        PeerMessage.writeHeader(reserve(PeerMessage.HEADER_LENGTH + frame.readableBytes()), PeerMessage.REQUEST,
                mode, (byte) level.ordinal(), id, frame.readableBytes());
        write(frame);
    }

    void onAnswer(PeerMessage m) {
        ReplySink sink = waiting.remove(m.requestId());
        if (sink == null) {
            // Answered after its timeout: the caller already got an error.
            m.payload().release();
            return;
        }
        if (m.type() == PeerMessage.REPLY) {
            sink.reply(m.payload());
        } else {
            String message = m.payload().toString(StandardCharsets.UTF_8);
            m.payload().release();
            metrics.failed.inc();
            sink.error(message);
        }
    }

    @Override
    protected void onDisconnected() {
        if (waiting.size() > 0) {
            log.warn("connection to peer {} lost with {} requests waiting", peerName, waiting.size());
        }
        waiting.drain(sink -> {
            metrics.failed.inc();
            sink.error("connection to peer " + peerName + " was lost");
        });
    }

    @Override
    protected long tickMillis() {
        return Math.max(10, Math.min(250, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 4));
    }

    @Override
    protected void onTick() {
        long now = System.nanoTime();
        ReplySink expired;
        while ((expired = waiting.expireOldest(now)) != null) {
            metrics.timeouts.inc();
            expired.error("timeout: peer " + peerName + " did not answer within "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
        }
    }

    /** Hands each answer frame to its connection. One per channel. */
    static final class AnswerHandler extends ChannelInboundHandlerAdapter {

        private final PeerConnection connection;

        AnswerHandler(PeerConnection connection) {
            this.connection = connection;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            connection.onAnswer((PeerMessage) msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("peer connection to {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
