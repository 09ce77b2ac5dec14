package io.dynoj.memcached.datastore;

import io.dynoj.core.datastore.DatastoreMetrics;
import io.dynoj.core.datastore.ServerConnection;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.memcached.protocol.MemcachedRequest;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One persistent, pipelined connection to a memcached server, owned by one event loop: requests are
 * written in order without a flush each, and replies are matched to them in the same order. Each
 * waiting request records how its reply is framed, which {@link MemcachedReplyDecoder} reads.
 *
 * <p>Every request sent gets exactly one reply from the server, so that pairing holds:
 * <ul>
 *   <li>a {@code noreply} request is sent without its {@code noreply} token, and the server's answer
 *       goes to the sink as any other (the node gives such requests a sink that drops it);</li>
 *   <li>a quiet meta request ({@code q} flag) is sent as it is, followed by {@code mn}: the server
 *       itself decides which outcomes quiet mode suppresses (for memcached 1.6: a miss of {@code mg},
 *       success of {@code ms}, {@code md} and of {@code ma} on an existing item; never an error) and
 *       then answers {@code MN}. A suppressed answer reaches the sink as an empty buffer, so the node
 *       writes nothing, exactly as memcached would.</li>
 *   <li>a request with a key over 250 bytes is answered here and never sent (see
 *       {@link #hasOverlongKey}).</li>
 * </ul>
 *
 * <p>When the server answers nothing for {@code timeout} while requests wait, or the connection drops,
 * or sends bytes that fit no expected reply, every waiting request is answered with an error (a
 * pipelined protocol cannot skip one reply) and the connection reopens. Requests that arrive while it
 * is down are refused at once rather than queued, so a client never hangs on a dead server.
 */
final class MemcachedBackendConnection extends ServerConnection {

    private static final byte[] NOOP = "mn\r\n".getBytes(StandardCharsets.US_ASCII);
    /** memcached's {@code KEY_MAX_LENGTH}. */
    static final int MAX_KEY_LENGTH = 250;
    private static final byte[] BAD_COMMAND_LINE =
            "CLIENT_ERROR bad command line format\r\n".getBytes(StandardCharsets.US_ASCII);

    private final WaitingRequests waiting = new WaitingRequests();

    MemcachedBackendConnection(EventLoop loop, Bootstrap bootstrap, InetSocketAddress address, long timeoutMillis,
                               DatastoreMetrics metrics) {
        super(loop, bootstrap, address, "memcached", timeoutMillis, metrics);
    }

    @Override
    protected void initPipeline(Channel channel) {
        MemcachedChannelInitializer.init(channel, this);
    }

    /** What the decoder frames replies by: the requests still waiting, oldest first. */
    ExpectedReplies expectedReplies() {
        return waiting;
    }

    @Override
    public void send(Request request, ReplySink sink) {
        if (!(request instanceof MemcachedRequest memcached) || memcached.commandType() == null) {
            request.release();
            metrics.errors.inc();
            sink.error("the memcached datastore cannot run '" + request.command() + "'");
            return;
        }
        if (hasOverlongKey(memcached)) {
            request.release();
            metrics.errors.inc();
            sink.reply(Unpooled.wrappedBuffer(BAD_COMMAND_LINE));
            return;
        }
        if (refusedWhileDown(request, sink)) {
            return;
        }
        ByteBuf frame = request.frame();
        if (memcached.noreply()) {
            ByteBuf rewritten = NoreplyRewrite.withoutNoreply(frame);
            request.release();
            if (rewritten == null) {
                metrics.errors.inc();
                sink.error("cannot forward '" + request.command() + "': its command line does not end with noreply");
                return;
            }
            frame = rewritten;
        }
        boolean quiet = memcached.quiet();
        waiting.add(sink, memcached.commandType().replyShape(), quiet);
        metrics.requests.inc();
        write(frame);
        if (quiet) {
            reserve(NOOP.length).writeBytes(NOOP);
            flushLater();
        }
    }

    /**
     * Whether a key is longer than memcached accepts. memcached answers such a request with one
     * {@code CLIENT_ERROR bad command line format}, but not only: a get/gets/gat/gats with such a key
     * also throws away the replies it has not yet sent for earlier requests of the connection (1.6's
     * {@code conn_release_items}), and a storage command reads its data block as a further command
     * (a second reply). Either breaks pairing on a shared connection, so such a request is answered
     * here, with memcached's own line, and never sent.
     */
    private static boolean hasOverlongKey(MemcachedRequest request) {
        for (int i = 0, n = request.keyCount(); i < n; i++) {
            if (request.key(i).readableBytes() > MAX_KEY_LENGTH) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected ReplySink pollWaiting() {
        return waiting.poll();
    }

    @Override
    protected int waitingCount() {
        return waiting.size();
    }
}
