package io.dynoj.core.topology;

/**
 * Told of every topology swap by {@link TopologyHolder}, on the publishing source's thread, one swap at
 * a time. {@link #preparing} runs before the swap (open what the new snapshot needs, so no request
 * routed on it finds it missing), {@link #changed} after it (let go of what only the old one needed).
 */
public interface TopologyListener {

    /** {@code next} is about to replace the current snapshot. */
    default void preparing(Topology next) {
    }

    /** {@code next} has replaced {@code previous}; requests route on it from now on. */
    void changed(Topology previous, Topology next);
}
