package io.dynoj.core.server;

import com.codahale.metrics.Timer;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink of a request the client wants no reply to (memcached {@code noreply}): the request runs
 * and replicates like any other, its reply is dropped, and until it is done it counts towards the
 * connection's in-flight limit, so a client sending noreply writes cannot outrun the datastore.
 */
final class SilentReply extends ConnectionSink {

    private static final Logger log = LoggerFactory.getLogger(SilentReply.class);

    private final Runnable done;

    /** {@code timer} (or {@code null}) gets the time from {@code startNanos} to the datastore's answer. */
    SilentReply(ClientConnection connection, Timer timer, long startNanos) {
        super(connection, timer, startNanos);
        this.done = connection.backgroundStarted();
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
}
