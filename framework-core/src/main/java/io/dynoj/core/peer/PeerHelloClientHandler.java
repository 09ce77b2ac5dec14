package io.dynoj.core.peer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The connecting side of the handshake: sends this node's {@link PeerMessage#HELLO} as soon as the
 * channel is up, and waits for the answer. A {@link PeerMessage#HELLO_OK} of this node's cluster makes
 * the connection usable ({@link Outcome#accepted}) and this handler leaves the pipeline; an ERROR (the
 * peer refused, saying why), an answer from another cluster, or no answer within the timeout is
 * {@link Outcome#refused} and the channel closes. One per channel, on its event loop.
 */
final class PeerHelloClientHandler extends ChannelInboundHandlerAdapter {

    /** What the connection learns from the handshake; called on the channel's event loop. */
    interface Outcome {
        /** The peer, {@code peer}, accepted the hello on {@code channel}: requests may be sent on it. */
        void accepted(Channel channel, PeerIdentity peer);

        /** The handshake failed for {@code reason}; the channel is closing. */
        void refused(String reason);
    }

    private final Outcome outcome;
    private final PeerIdentity self;
    private final long timeoutMillis;
    private ScheduledFuture<?> timeout;
    private boolean over;

    PeerHelloClientHandler(Outcome outcome, PeerIdentity self, long timeoutMillis) {
        this.outcome = outcome;
        this.self = self;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(PeerMessage.frame(ctx.alloc(), PeerMessage.HELLO, 0, PeerHello.of(self).encode(ctx.alloc())));
        timeout = ctx.executor().schedule(() -> fail(ctx, "no answer to the hello within " + timeoutMillis + " ms"),
                timeoutMillis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        PeerMessage m = (PeerMessage) msg;
        try {
            if (over) {
                return;
            }
            if (m.type() == PeerMessage.ERROR) {
                fail(ctx, "refused our hello: " + m.payload().toString(StandardCharsets.UTF_8));
            } else if (m.type() != PeerMessage.HELLO_OK) {
                fail(ctx, "answered the hello with " + PeerMessage.kindName(m.type()));
            } else {
                accept(ctx, PeerHello.decode(m.payload()).identity());
            }
        } catch (IllegalArgumentException e) {
            fail(ctx, "answered the hello with " + e.getMessage());
        } finally {
            m.payload().release();
        }
    }

    private void accept(ChannelHandlerContext ctx, PeerIdentity peer) {
        if (!peer.clusterName().equals(self.clusterName())) {
            fail(ctx, "it is of cluster '" + peer.clusterName() + "', not '" + self.clusterName() + "'");
            return;
        }
        over = true;
        timeout.cancel(false);
        ctx.pipeline().remove(this);
        outcome.accepted(ctx.channel(), peer);
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        if (!over) {
            over = true;
            if (timeout != null) {
                timeout.cancel(false);
            }
            outcome.refused(reason);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (!over) {
            over = true;
            outcome.refused("closed the connection before answering the hello");
        }
        ctx.fireChannelInactive();
    }
}
