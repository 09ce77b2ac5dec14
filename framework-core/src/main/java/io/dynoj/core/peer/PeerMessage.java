package io.dynoj.core.peer;

import io.netty.buffer.ByteBuf;

/**
 * One frame of Dynoj's peer protocol.
 *
 * <pre>
 *  0      1        2     3     4            5       6      7     8..15       16..19   20..
 *  magic  version  type  mode  consistency  origin  flags  zero  request id  length   payload
 *  0xD7   1
 * </pre>
 *
 * A REQUEST's payload is the client's request bytes (or the effect a primary replicates); a REPLY's
 * the datastore's reply bytes; an ERROR's a UTF-8 message; a DONE has none. Request ids let many
 * requests be in flight on one connection and be answered in any order. The receiver releases the
 * payload.
 *
 * @param type {@link #REQUEST}, {@link #REPLY}, {@link #ERROR} or {@link #DONE}
 * @param mode for requests: {@link #MODE_LOCAL}, {@link #MODE_PRIMARY}, {@link #MODE_PRIMARY_HANDOFF} or
 *     {@link #MODE_DC_PRIMARY}
 * @param consistency for requests: the ordinal of the write/read consistency level asked for
 * @param origin for {@link #MODE_PRIMARY} requests: 1 + the position of the sender's rack among its
 *     datacenter's racks (sorted by name), whose replica must have applied the write before a DC_ONE
 *     answer; 0 when none
 * @param flags for replies: {@link #FLAG_DONE_FOLLOWS}
 */
public record PeerMessage(byte type, byte mode, byte consistency, byte origin, byte flags, long requestId,
                          ByteBuf payload) {

    public static final byte MAGIC = (byte) 0xD7;
    public static final byte VERSION = 1;
    public static final int HEADER_LENGTH = 20;

    public static final byte REQUEST = 1;
    public static final byte REPLY = 2;
    public static final byte ERROR = 3;
    /** The request's background work (replication to the other replicas) has ended; after a REPLY. */
    public static final byte DONE = 4;

    /** On a REPLY or ERROR: the sender goes on replicating and sends a DONE for this id when it is through. */
    public static final byte FLAG_DONE_FOLLOWS = 1;

    /** Run the request on the receiving node's own datastore (a read, a replica's copy of a write). */
    public static final byte MODE_LOCAL = 0;
    /**
     * The receiver is the key's primary: it executes the write in the key's order and replicates its
     * effect to the other racks of its datacenter and to every other datacenter.
     */
    public static final byte MODE_PRIMARY = 1;
    /**
     * A write another datacenter's primary executed: the receiver, the key's primary in its own
     * datacenter, applies it in the key's order and replicates it to the other racks there.
     */
    public static final byte MODE_DC_PRIMARY = 2;

    /**
     * As {@link #MODE_PRIMARY}, from a primary whose datastore cannot take writes now: the receiver, the
     * key's owner in another rack, orders the write in its place and never hands it on again.
     */
    public static final byte MODE_PRIMARY_HANDOFF = 3;

    /** Appends a frame header for a payload of {@code length} bytes to {@code out}. */
    public static void writeHeader(ByteBuf out, byte type, byte mode, byte consistency, byte origin, byte flags,
                                   long id, int length) {
        out.writeByte(MAGIC).writeByte(VERSION).writeByte(type).writeByte(mode).writeByte(consistency)
                .writeByte(origin).writeByte(flags).writeByte(0).writeLong(id).writeInt(length);
    }
}
