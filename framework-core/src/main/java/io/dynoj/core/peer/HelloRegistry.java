package io.dynoj.core.peer;

import io.dynoj.core.config.HostPort;
import io.netty.channel.Channel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The accepting side's memory of hellos: checks a peer's hello against this node's identity and the
 * peers connected now, counts each admitted node id (with the listen address its hello gave) until its
 * connections close, and remembers which refusals were logged, so a peer that retries every few seconds
 * is logged once per outage, not once per retry.
 *
 * <p>Thread-safe: every event loop of the peer server uses it, only at handshakes and closes.
 */
final class HelloRegistry {

    /** Past this many remembered refusals (a scan of the port, say) the memory starts over. */
    private static final int MAX_REMEMBERED = 1024;

    private final PeerIdentity self;
    /** Told each admitted node id (outside the lock): the node's links reconnect to it at once. */
    private final java.util.function.Consumer<String> onAdmitted;
    /** Told that bytes came from an admitted node id, and when ({@link PeerHeardHandler}). */
    private final java.util.function.ObjLongConsumer<String> onHeard;
    /** Node id to the listen address its connections gave, and how many are open. */
    private final Map<String, Held> connected = new HashMap<>();
    private final Set<String> refusalsLogged = new HashSet<>();

    private record Held(HostPort address, int connections) {
    }

    HelloRegistry(PeerIdentity self) {
        this(self, nodeId -> { });
    }

    HelloRegistry(PeerIdentity self, java.util.function.Consumer<String> onAdmitted) {
        this(self, onAdmitted, (nodeId, nanos) -> { });
    }

    HelloRegistry(PeerIdentity self, java.util.function.Consumer<String> onAdmitted,
                  java.util.function.ObjLongConsumer<String> onHeard) {
        this.self = self;
        this.onAdmitted = onAdmitted;
        this.onHeard = onHeard;
    }

    /** Bytes came from the admitted {@code nodeId} at {@code nanos}: tells the listener. Not locked. */
    void heard(String nodeId, long nanos) {
        onHeard.accept(nodeId, nanos);
    }

    /** {@code nodeId} was admitted: tells the listener. Not under the registry's lock. */
    void announce(String nodeId) {
        onAdmitted.accept(nodeId);
    }

    PeerIdentity self() {
        return self;
    }

    /**
     * Admits {@code hello}, received on {@code channel}: its node id counts as connected until the channel
     * closes. Returns {@code null} when admitted, else why it is refused.
     */
    synchronized String admit(PeerHello hello, Channel channel) {
        PeerIdentity peer = hello.identity();
        if (hello.protocolVersion() != PeerMessage.VERSION) {
            return "peer protocol version " + hello.protocolVersion() + " is not this node's " + PeerMessage.VERSION;
        }
        if (!peer.clusterName().equals(self.clusterName())) {
            return "cluster name '" + peer.clusterName() + "' is not this node's '" + self.clusterName() + "'";
        }
        if (peer.nodeId().equals(self.nodeId())) {
            return "node id '" + peer.nodeId() + "' is this node's own";
        }
        Held held = connected.get(peer.nodeId());
        if (held != null && !held.address().equals(peer.peerAddress())) {
            return "node id '" + peer.nodeId() + "' is already connected from the node at " + held.address()
                    + ", this hello is from " + peer.peerAddress() + ": a duplicate node id";
        }
        connected.put(peer.nodeId(), new Held(peer.peerAddress(), held == null ? 1 : held.connections() + 1));
        refusalsLogged.removeIf(key -> key.startsWith(peer.nodeId() + '\n'));
        channel.closeFuture().addListener(f -> closed(peer.nodeId()));
        return null;
    }

    private synchronized void closed(String nodeId) {
        Held held = connected.get(nodeId);
        if (held != null) {
            if (held.connections() > 1) {
                connected.put(nodeId, new Held(held.address(), held.connections() - 1));
            } else {
                connected.remove(nodeId);
            }
        }
    }

    /**
     * Whether this is the first refusal of {@code who} for {@code reason} since it was last admitted:
     * log it at WARN then, at DEBUG after.
     */
    synchronized boolean firstRefusal(String who, String reason) {
        if (refusalsLogged.size() >= MAX_REMEMBERED) {
            refusalsLogged.clear();
        }
        return refusalsLogged.add(who + '\n' + reason);
    }
}
