package io.dynoj.core.tls;

import io.dynoj.core.net.OutboundTls;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the {@code SslHandler} and turns TLS failures into a count and at most a log line:
 * plain text sent to a TLS port, a certificate refused, a protocol not offered ({@code -tls1_1}) close the
 * connection without a stack trace, without a reply, and without reaching the handlers behind it. A failure
 * is counted once (Netty reports a failed handshake both as an event and as an exception). One per channel,
 * on its event loop.
 */
final class TlsHandshakeGuard extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TlsHandshakeGuard.class);

    private final TlsMetrics metrics;
    private final RefusalLog refusals;
    private boolean failed;
    /** Of a connection the node opened: the handshake is done, the first data will prove the other end took it. */
    private boolean awaitingData;

    TlsHandshakeGuard(TlsMetrics metrics, RefusalLog refusals) {
        this.metrics = metrics;
        this.refusals = refusals;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                metrics.handshakes.inc();
                if (refusals.inbound()) {
                    refusals.accepted(other(ctx));
                } else {
                    awaitingData = true;
                }
            } else {
                fail(ctx, done.cause());
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (awaitingData) {
            awaitingData = false;
            refusals.accepted(other(ctx));
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable tls = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (tls instanceof SSLException) {
            fail(ctx, tls);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        if (!failed) {
            failed = true;
            boolean plaintext = cause instanceof NotSslRecordException;
            (plaintext ? metrics.plaintext : metrics.failures).inc();
            if (cause instanceof ClosedChannelException) {
                // Closed before the handshake was over: a TCP health check, a node stopping. Not worth a warning.
                log.debug("TLS: {} closed during the handshake", other(ctx));
            } else {
                refusals.refused(other(ctx), plaintext ? "not TLS (plain text?)" : OutboundTls.reason(cause));
            }
        }
        ctx.close();
    }

    /** The other end as the refusal log keys it: a client's host, a peer's or a server's host and port. */
    private String other(ChannelHandlerContext ctx) {
        SocketAddress address = ctx.channel().remoteAddress();
        if (!(address instanceof InetSocketAddress a)) {
            return String.valueOf(address);
        }
        return refusals.inbound() ? a.getHostString() : a.getHostString() + ":" + a.getPort();
    }
}
