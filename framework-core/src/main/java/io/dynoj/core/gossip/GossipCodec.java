package io.dynoj.core.gossip;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.peer.WireStrings;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A GOSSIP frame's payload: the sender's entries, each
 * <pre>
 *  str node id, i64 generation, i64 version, u8 state (MemberState ordinal), str dc, str rack,
 *  str host, u16 port, u16 token count, u32 tokens...
 * </pre>
 * after a u16 entry count (str: u16 length, then UTF-8). The request carries the asking node's entries,
 * the answer the answering node's, merged (push-pull). Stateless.
 */
public final class GossipCodec {

    static final int MAX_STRING = 1024;
    static final int MAX_ENTRIES = 4096;
    private static final MemberState[] STATES = MemberState.values();

    private GossipCodec() {
    }

    /** Appends {@code entries} to {@code out}. */
    public static void encode(Collection<GossipEntry> entries, ByteBuf out) {
        out.writeShort(entries.size());
        for (GossipEntry e : entries) {
            WireStrings.write(out, e.nodeId(), MAX_STRING, "gossip");
            out.writeLong(e.generation()).writeLong(e.version()).writeByte(e.state().ordinal());
            WireStrings.write(out, e.dc(), MAX_STRING, "gossip");
            WireStrings.write(out, e.rack(), MAX_STRING, "gossip");
            WireStrings.write(out, e.peerAddress().host(), MAX_STRING, "gossip");
            out.writeShort(e.peerAddress().port()).writeShort(e.tokens().size());
            for (long token : e.tokens()) {
                out.writeInt((int) token);
            }
        }
    }

    /**
     * The entries in {@code in} (read whole; not released). Throws {@link IllegalArgumentException} for a
     * malformed payload: too short, too long, an unknown state, an invalid address.
     */
    public static List<GossipEntry> decode(ByteBuf in) {
        try {
            int count = in.readUnsignedShort();
            if (count > MAX_ENTRIES) {
                throw new IllegalArgumentException("malformed gossip: " + count + " entries");
            }
            List<GossipEntry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                entries.add(decodeEntry(in));
            }
            if (in.isReadable()) {
                throw new IllegalArgumentException("malformed gossip: " + in.readableBytes() + " bytes too many");
            }
            return entries;
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("malformed gossip: too few bytes");
        }
    }

    private static GossipEntry decodeEntry(ByteBuf in) {
        String nodeId = WireStrings.read(in, MAX_STRING, "gossip");
        long generation = in.readLong();
        long version = in.readLong();
        int state = in.readUnsignedByte();
        if (state >= STATES.length) {
            throw new IllegalArgumentException("malformed gossip: unknown state " + state);
        }
        String dc = WireStrings.read(in, MAX_STRING, "gossip");
        String rack = WireStrings.read(in, MAX_STRING, "gossip");
        String host = WireStrings.read(in, MAX_STRING, "gossip");
        HostPort address = new HostPort(host, in.readUnsignedShort());
        int tokenCount = in.readUnsignedShort();
        List<Long> tokens = new ArrayList<>(tokenCount);
        for (int t = 0; t < tokenCount; t++) {
            tokens.add(in.readUnsignedInt());
        }
        return new GossipEntry(nodeId, generation, version, STATES[state], dc, rack, address, tokens);
    }
}
