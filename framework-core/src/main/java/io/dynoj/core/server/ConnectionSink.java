package io.dynoj.core.server;

import com.codahale.metrics.Timer;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.spi.LoopReplySink;
import io.netty.channel.EventLoop;

/**
 * What the sinks of one client connection share: its event loop, its id, its own consistency
 * levels, and the command's timer (or {@code null}: not timed; see {@link ReplyTimings}) started
 * at {@code startNanos}.
 */
abstract class ConnectionSink extends LoopReplySink {

    protected final ClientConnection connection;
    protected final Timer timer;
    protected final long startNanos;

    ConnectionSink(ClientConnection connection, Timer timer, long startNanos) {
        this.connection = connection;
        this.timer = timer;
        this.startNanos = startNanos;
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
    public boolean abandoned() {
        return connection.closed();
    }

    @Override
    public ConsistencyLevel readConsistency() {
        return connection.session().readOverride();
    }

    @Override
    public ConsistencyLevel writeConsistency() {
        return connection.session().writeOverride();
    }
}
