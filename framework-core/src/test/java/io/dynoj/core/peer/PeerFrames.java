package io.dynoj.core.peer;

import io.dynoj.core.config.HostPort;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Peer frames for tests: encoded as a peer would send them, and what a channel wrote, decoded. */
final class PeerFrames {

    /** One frame as a test sees it: its kind, flags, id and payload as text. */
    record Frame(byte type, byte flags, long id, String text) {
    }

    private PeerFrames() {
    }

    static ByteBuf frame(byte type, byte consistency, long id, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        ByteBuf out = Unpooled.buffer(PeerMessage.HEADER_LENGTH + bytes.length);
        PeerMessage.writeHeader(out, type, PeerMessage.MODE_LOCAL, consistency, (byte) 0, (byte) 0, id, bytes.length);
        return out.writeBytes(bytes);
    }

    static ByteBuf request(long id, String line) {
        return frame(PeerMessage.REQUEST, (byte) 1, id, line);
    }

    static ByteBuf hello(long id, String cluster, String nodeId, int port) {
        return hello(id, new PeerHello(PeerMessage.VERSION, identity(cluster, nodeId, port)));
    }

    static ByteBuf hello(long id, PeerHello hello) {
        return PeerMessage.frame(ByteBufAllocator.DEFAULT, PeerMessage.HELLO, id,
                hello.encode(ByteBufAllocator.DEFAULT));
    }

    static PeerIdentity identity(String cluster, String nodeId, int port) {
        return new PeerIdentity(cluster, nodeId, new HostPort("127.0.0.1", port));
    }

    /** Every frame {@code ch} wrote since the last call, after running its pending tasks (flushes). */
    static List<Frame> written(EmbeddedChannel ch) {
        ch.runPendingTasks();
        ByteBuf all = Unpooled.buffer();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            all.writeBytes(b);
            b.release();
        }
        List<Frame> frames = new ArrayList<>();
        while (all.isReadable()) {
            int at = all.readerIndex();
            int length = all.getInt(at + 16);
            frames.add(new Frame(all.getByte(at + 2), all.getByte(at + 6), all.getLong(at + 8),
                    all.toString(at + PeerMessage.HEADER_LENGTH, length, StandardCharsets.UTF_8)));
            all.skipBytes(PeerMessage.HEADER_LENGTH + length);
        }
        all.release();
        return frames;
    }
}
