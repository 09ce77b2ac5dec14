package io.dynoj.core.peer;

import io.dynoj.core.spi.ProtocolAdapter;
import io.netty.channel.Channel;

/** The one place peer pipelines are built, for both ends of a peer connection. */
final class PeerChannels {

    private PeerChannels() {
    }

    /** Accepting side: frames in → {@link PeerServerHandler}, which writes the answers. */
    static void initServer(Channel ch, ProtocolAdapter protocol, RemoteRequestHandler handler, long maxPayload,
                           int connectionId) {
        ch.pipeline().addLast("decoder", new PeerFrameDecoder(maxPayload));
        ch.pipeline().addLast("requests", new PeerServerHandler(protocol, handler, connectionId));
    }

    /** Connecting side: {@link PeerConnection} writes requests; answers come in through the decoder. */
    static void initClient(Channel ch, PeerConnection connection, long maxPayload) {
        ch.pipeline().addLast("decoder", new PeerFrameDecoder(maxPayload));
        ch.pipeline().addLast("answers", new PeerConnection.AnswerHandler(connection));
    }
}
