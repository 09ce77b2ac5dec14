package io.dynoj.core.handoff;

import java.util.function.Consumer;

/**
 * What hinted handoff needs of the node to give a target what it missed: whether the target is there, and
 * sending it a stored write or a key copied whole. The router implements it.
 *
 * <p>Called on the replay thread; {@code done} may be called on any thread, exactly once.
 */
public interface HintDelivery {

    /** Whether {@code nodeId} is still a member of the cluster (its hints are dropped when it left). */
    boolean known(String nodeId);

    /** Whether {@code nodeId} is reachable now (connected and not DOWN). */
    boolean reachable(String nodeId);

    /**
     * Sends {@code hint}'s write to {@code nodeId}, after every write sent before it by this method to the same
     * node; {@code done} gets true when the node answered it (any reply: the write ran there), false when its
     * fate is unknown.
     */
    void replay(String nodeId, Hint hint, Consumer<Boolean> done);

    /**
     * Copies the keys of {@code hint} (a {@link Hint.Kind#REPAIR}'s key, or every key of a stored write) whole
     * from this node to {@code nodeId}, each in its key's write order here ({@code KeyCopy}). {@code done} gets
     * true once every copy is on its way in that order (sent, or stored as a hint itself), false otherwise.
     */
    void repair(String nodeId, Hint hint, Consumer<Boolean> done);
}
