package io.dynoj.core.spi;

import io.netty.buffer.ByteBuf;

/**
 * Where the node sends a key's requests, as far as a connection must know it to keep several commands
 * together (a Redis transaction runs on one node): which keys share their nodes. Read on the client's
 * event loop; an implementation reads the topology of the moment, so two answers given across a topology
 * change may differ, and the router checks again when the commands are sent.
 */
public interface KeyPlacement {

    /** A node alone: it holds every key. */
    KeyPlacement ALONE = new KeyPlacement() {
        @Override
        public boolean alone() {
            return true;
        }

        @Override
        public Object replicasOf(ByteBuf key) {
            return Boolean.TRUE;
        }
    };

    /** Whether this node holds every key (no cluster): any commands may run together. */
    boolean alone();

    /**
     * A value equal ({@link Object#equals}) for two keys exactly when requests for them reach the same
     * nodes: the same owner in every rack, the same primary, the same node in every other datacenter (one
     * hash tag, or keys that happen to share owners). Does not take ownership of {@code key}.
     */
    Object replicasOf(ByteBuf key);
}
