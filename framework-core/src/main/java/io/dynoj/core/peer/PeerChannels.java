package io.dynoj.core.peer;

import io.dynoj.core.spi.ProtocolAdapter;
import io.netty.channel.Channel;

/** The one place peer pipelines are built, for both ends of a peer connection. */
final class PeerChannels {

    private PeerChannels() {
    }

    /** Accepting side: frames in → {@link PeerServerHandler}; answers out through the encoder. */
    static void initServer(Channel ch, ProtocolAdapter protocol, RemoteRequestHandler handler, long maxPayload,
                           int connectionId) {
        ch.pipeline().addLast("decoder", new PeerFrameDecoder(maxPayload));
        ch.pipeline().addLast("encoder", PeerFrameEncoder.INSTANCE);
        ch.pipeline().addLast("requests", new PeerServerHandler(protocol, handler, connectionId));
    }

    /** Connecting side: requests out through the encoder; answers in → {@link PeerConnection}. */
    static void initClient(Channel ch, PeerConnection connection, long maxPayload) {
        ch.pipeline().addLast("decoder", new PeerFrameDecoder(maxPayload));
        ch.pipeline().addLast("encoder", PeerFrameEncoder.INSTANCE);
        ch.pipeline().addLast("answers", new PeerConnection.AnswerHandler(connection));
    }
}
