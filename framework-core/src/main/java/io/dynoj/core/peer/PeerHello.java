package io.dynoj.core.peer;

import io.dynoj.core.config.HostPort;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The payload of a {@link PeerMessage#HELLO} (the connecting node) or {@link PeerMessage#HELLO_OK} (the
 * accepting node):
 *
 * <pre>
 *  u8 protocol version | str cluster name | str node id | str peer host | u16 peer port
 *  (str: u16 length, then that many bytes of UTF-8)
 * </pre>
 *
 * @param protocolVersion the peer protocol version the sender speaks ({@link PeerMessage#VERSION})
 * @param identity the sender
 */
record PeerHello(int protocolVersion, PeerIdentity identity) {

    /** Longest string a hello may carry, in bytes; a longer one is a malformed hello. */
    static final int MAX_STRING = 1024;

    /** This node's hello: the protocol version it speaks and {@code identity}. */
    static PeerHello of(PeerIdentity identity) {
        return new PeerHello(PeerMessage.VERSION, identity);
    }

    ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(64);
        try {
            out.writeByte(protocolVersion);
            writeString(out, identity.clusterName());
            writeString(out, identity.nodeId());
            writeString(out, identity.peerAddress().host());
            out.writeShort(identity.peerAddress().port());
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /**
     * Reads a hello from {@code payload} (not released here).
     *
     * @throws IllegalArgumentException when the payload is not a well-formed hello
     */
    static PeerHello decode(ByteBuf payload) {
        ByteBuf in = payload.duplicate();
        try {
            int version = in.readUnsignedByte();
            String cluster = readString(in);
            String nodeId = readString(in);
            String host = readString(in);
            int port = in.readUnsignedShort();
            if (in.isReadable()) {
                throw new IllegalArgumentException("malformed hello: " + in.readableBytes() + " bytes too many");
            }
            return new PeerHello(version, new PeerIdentity(cluster, nodeId, new HostPort(host, port)));
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("malformed hello: " + payload.readableBytes() + " bytes are too few");
        }
    }

    private static void writeString(ByteBuf out, String s) {
        WireStrings.write(out, s, MAX_STRING, "hello");
    }

    private static String readString(ByteBuf in) {
        return WireStrings.read(in, MAX_STRING, "hello");
    }
}
