package io.dynoj.core.peer;

import io.netty.buffer.ByteBuf;

/**
 * One frame of Dynoj's peer protocol.
 *
 * <pre>
 *  0      1        2     3     4            5..7   8..15       16..19   20..
 *  magic  version  type  mode  consistency  zero   request id  length   payload
 *  0xD7   1
 * </pre>
 *
 * A REQUEST's payload is the client's request bytes, untouched; a REPLY's the datastore's reply
 * bytes; an ERROR's a UTF-8 message. Request ids let many requests be in flight on one connection
 * and be answered in any order. The receiver releases the payload.
 *
 * @param type {@link #REQUEST}, {@link #REPLY} or {@link #ERROR}
 * @param mode for requests: {@link #MODE_LOCAL} or {@link #MODE_DC_FANOUT}
 * @param consistency for requests: the ordinal of the write/read consistency level asked for
 */
public record PeerMessage(byte type, byte mode, byte consistency, long requestId, ByteBuf payload) {

    public static final byte MAGIC = (byte) 0xD7;
    public static final byte VERSION = 1;
    public static final int HEADER_LENGTH = 20;

    public static final byte REQUEST = 1;
    public static final byte REPLY = 2;
    public static final byte ERROR = 3;

    /** Appends a frame header for a payload of {@code length} bytes to {@code out}. */
    public static void writeHeader(io.netty.buffer.ByteBuf out, byte type, byte mode, byte consistency, long id,
                                   int length) {
        out.writeByte(MAGIC).writeByte(VERSION).writeByte(type).writeByte(mode).writeByte(consistency)
                .writeMedium(0).writeLong(id).writeInt(length);
    }

    /** Run the request on the receiving node's own datastore. */
    public static final byte MODE_LOCAL = 0;
    /** Replicate the write to every rack of the receiving node's datacenter. */
    public static final byte MODE_DC_FANOUT = 1;
}
