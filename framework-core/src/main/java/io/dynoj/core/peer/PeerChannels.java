package io.dynoj.core.peer;

import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.tls.NodeTls;
import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** The one place peer pipelines are built, for both ends of a peer connection. */
final class PeerChannels {

    /** What every accepted peer connection of one server shares. */
    record Served(ProtocolAdapter protocol, RemoteRequestHandler handler, PeerServer.Settings settings,
                  HelloRegistry hellos, PeerServerMetrics metrics, AtomicReference<PeerGossipResponder> gossip,
                  AtomicReference<PeerPublishReceiver> publish) {

        /** A server whose PUBLISH frames nobody serves. */
        Served(ProtocolAdapter protocol, RemoteRequestHandler handler, PeerServer.Settings settings,
               HelloRegistry hellos, PeerServerMetrics metrics, AtomicReference<PeerGossipResponder> gossip) {
            this(protocol, handler, settings, hellos, metrics, gossip, new AtomicReference<>());
        }

        /** A server whose GOSSIP frames nobody serves. */
        Served(ProtocolAdapter protocol, RemoteRequestHandler handler, PeerServer.Settings settings,
               HelloRegistry hellos, PeerServerMetrics metrics) {
            this(protocol, handler, settings, hellos, metrics, new AtomicReference<>());
        }
    }

    private PeerChannels() {
    }

    /**
     * Accepting side: frames in → the hello (until it is accepted) → requests → pings → gossip → published
     * messages → an ERROR for
     * whatever is left. Answers are written by the handler that serves each frame.
     */
    static void initServer(Channel ch, Served served, int connectionId) {
        initServer(ch, served, connectionId, null, peer -> true);
    }

    /**
     * As {@link #initServer(Channel, Served, int)}, behind {@code tls}'s handlers when the node encrypts peer
     * links (TLS with a client certificate signed by the cluster CA; see {@link NodeTls#addToPeerServer}). A
     * connection in plain text, where the port also takes those, gets a {@link PlainPeerGate} in front of the
     * hello, asking {@code plainAllowed}.
     */
    static void initServer(Channel ch, Served served, int connectionId, NodeTls tls,
                           Predicate<PeerIdentity> plainAllowed) {
        ch.pipeline().addLast("decoder", new PeerFrameDecoder(served.settings().maxPayload()));
        ch.pipeline().addLast("hello", new PeerHelloHandler(served.hellos(), served.metrics()));
        ch.pipeline().addLast("requests", new PeerServerHandler(served.protocol(), served.handler(), connectionId,
                served.settings().maxInFlight(), served.metrics()));
        ch.pipeline().addLast("ping", new PeerPingHandler());
        ch.pipeline().addLast("gossip", new PeerGossipHandler(served.gossip()));
        ch.pipeline().addLast("publish", new PeerPublishHandler(served.publish()));
        ch.pipeline().addLast("unserved", new PeerUnservedHandler(served.metrics()));
        if (tls != null) {
            tls.addToPeerServer(ch, p -> p.addBefore("hello", "plain-gate",
                    new PlainPeerGate(plainAllowed, served.hellos(), served.metrics())));
        }
    }

    /**
     * Connecting side (behind TLS when the link is encrypted: {@link io.dynoj.core.net.OutboundConnection}
     * puts it first): the hello is sent when the channel is up and {@code connection} becomes usable at
     * its HELLO_OK; then {@link PeerConnection} writes requests and answers come in through the decoder.
     */
    static void initClient(Channel ch, PeerConnection connection, PeerIdentity self, long maxPayload,
                           long helloTimeoutMillis) {
        ch.pipeline().addLast("decoder", new PeerFrameDecoder(maxPayload));
        ch.pipeline().addLast("hello", new PeerHelloClientHandler(connection, self, helloTimeoutMillis));
        ch.pipeline().addLast("answers", new PeerAnswerHandler(connection));
    }
}
