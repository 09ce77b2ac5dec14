package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;

/**
 * The node's read and write consistency levels, changeable while it runs (admin endpoint, tests).
 * Volatile fields: a request reads the level once, when it is routed.
 */
public final class ConsistencySettings {

    private volatile ConsistencyLevel read;
    private volatile ConsistencyLevel write;

    public ConsistencySettings(ConsistencyLevel read, ConsistencyLevel write) {
        this.read = read;
        this.write = write;
    }

    public ConsistencyLevel read() {
        return read;
    }

    public ConsistencyLevel write() {
        return write;
    }

    public void read(ConsistencyLevel level) {
        this.read = level;
    }

    public void write(ConsistencyLevel level) {
        this.write = level;
    }
}
