package io.dynoj.core.server;

import com.codahale.metrics.Timer;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.spi.LoopReplySink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink of a request the client wants no reply to (memcached {@code noreply}): the request runs
 * and replicates like any other, its reply is dropped, and until it is done it counts towards the
 * connection's in-flight limit, so a client sending noreply writes cannot outrun the datastore.
 */
final class SilentReply extends LoopReplySink {

    private static final Logger log = LoggerFactory.getLogger(SilentReply.class);

    private final ClientConnection connection;
    private final Runnable done;
    private final Timer timer;
    private final long startNanos;

    /** {@code timer} (or {@code null}) gets the time from {@code startNanos} to the datastore's answer. */
    SilentReply(ClientConnection connection, Timer timer, long startNanos) {
        this.connection = connection;
        this.done = connection.backgroundStarted();
        this.timer = timer;
        this.startNanos = startNanos;
    }

    @Override
    protected void onReply(ByteBuf reply) {
        reply.release();
        finished();
    }

    @Override
    protected void onError(String message) {
        log.debug("a request sent without reply failed: {}", message);
        finished();
    }

    private void finished() {
        if (timer != null) {
            timer.update(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }
        done.run();
    }

    @Override
    public EventLoop eventLoop() {
        return connection.eventLoop();
    }

    @Override
    public int connectionId() {
        return connection.id();
    }

    @Override
    public ConsistencyLevel readConsistency() {
        return connection.readOverride();
    }

    @Override
    public ConsistencyLevel writeConsistency() {
        return connection.writeOverride();
    }
}
