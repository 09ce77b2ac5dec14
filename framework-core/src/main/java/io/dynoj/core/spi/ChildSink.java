package io.dynoj.core.spi;

import io.dynoj.core.config.ConsistencyLevel;
import io.netty.channel.EventLoop;

/**
 * The sink of one part of a parent request: a replica of a write, a part of a split multi-key request.
 * Its answers are handled on the parent's event loop ({@link LoopReplySink}), and it shares the
 * parent's connection id (so the part leaves on the parent's connections, in the parent's order), its
 * background accounting and its consistency levels.
 */
public abstract class ChildSink extends LoopReplySink {

    protected final ReplySink parent;

    protected ChildSink(ReplySink parent) {
        this.parent = parent;
    }

    @Override
    public EventLoop eventLoop() {
        return parent.eventLoop();
    }

    @Override
    public int connectionId() {
        return parent.connectionId();
    }

    @Override
    public Runnable background() {
        return parent.background();
    }

    @Override
    public boolean abandoned() {
        return parent.abandoned();
    }

    @Override
    public ConsistencyLevel readConsistency() {
        return parent.readConsistency();
    }

    @Override
    public ConsistencyLevel writeConsistency() {
        return parent.writeConsistency();
    }
}
