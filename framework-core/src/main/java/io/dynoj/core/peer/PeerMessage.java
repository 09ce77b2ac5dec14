package io.dynoj.core.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One frame of Dynoj's peer protocol, version 3.
 *
 * <pre>
 *  0      1        2     3     4            5       6      7     8..15       16..19   20..
 *  magic  version  kind  mode  consistency  origin  flags  zero  request id  length   [write time] payload
 *  0xD7   3
 * </pre>
 *
 * A REQUEST with {@link #FLAG_WRITE_TIME} carries its write's timestamp (8 bytes, a
 * {@link io.dynoj.core.time.HybridClock} value) before its payload, counted in the length: the timestamp the
 * key's primary chose, so every replica stores the same one (version 3 added it; a version 2 node is refused
 * at the hello). Other frames have no such field: the 8 bytes are paid only by replicated writes.
 *
 * Integers are big-endian. Frames are dispatched by kind; every kind but HELLO is only valid after the
 * handshake:
 *
 * <table>
 *   <caption>Message kinds</caption>
 *   <tr><th>code</th><th>kind</th><th>sent by</th><th>payload</th></tr>
 *   <tr><td>1</td><td>{@link #REQUEST}</td><td>connecting side</td><td>the client's request bytes (or the
 *       effect a primary replicates)</td></tr>
 *   <tr><td>2</td><td>{@link #REPLY}</td><td>accepting side</td><td>the datastore's reply bytes</td></tr>
 *   <tr><td>3</td><td>{@link #ERROR}</td><td>accepting side</td><td>a UTF-8 message, for the frame with the
 *       same id</td></tr>
 *   <tr><td>4</td><td>{@link #DONE}</td><td>accepting side</td><td>none: a request's background work
 *       ended</td></tr>
 *   <tr><td>5</td><td>{@link #HELLO}</td><td>connecting side, first</td><td>{@link PeerHello}: protocol
 *       version, cluster name, node id, peer listen address</td></tr>
 *   <tr><td>6</td><td>{@link #HELLO_OK}</td><td>accepting side</td><td>{@link PeerHello}, the accepting
 *       node's identity</td></tr>
 *   <tr><td>7</td><td>{@link #PING}</td><td>connecting side</td><td>none</td></tr>
 *   <tr><td>8</td><td>{@link #PONG}</td><td>accepting side</td><td>none, the PING's id</td></tr>
 *   <tr><td>9</td><td>{@link #HINT}</td><td colspan="2">reserved: hinted handoff</td></tr>
 *   <tr><td>10</td><td>{@link #STREAM}</td><td>either: connecting side asks, accepting side answers with a
 *       STREAM (or an ERROR) of the same id</td><td>a range-streaming operation and its answer (repair, warm-up:
 *       {@code io.dynoj.core.repair.StreamCodec})</td></tr>
 *   <tr><td>11</td><td>{@link #GOSSIP}</td><td colspan="2">reserved: gossip</td></tr>
 *   <tr><td>12</td><td>{@link #PUBLISH}</td><td>connecting side; answered in kind</td><td>a message published
 *       on the sending node: channel length (4 bytes), channel, message; the answer: how many of the
 *       receiver's subscribers got it (8 bytes)</td></tr>
 * </table>
 *
 * A kind the accepting side does not serve (a newer peer's, or a reserved one) is answered with an ERROR
 * for its id ({@code unknown peer message kind N}); the connection stays open. Request ids let many
 * requests be in flight on one connection and be answered in any order. The receiver releases the payload.
 *
 * @param type the message kind, one of the codes above
 * @param mode for requests: {@link #MODE_LOCAL}, {@link #MODE_PRIMARY}, {@link #MODE_PRIMARY_HANDOFF} or
 *     {@link #MODE_DC_PRIMARY}
 * @param consistency for requests: the {@link io.dynoj.core.config.ConsistencyLevel#code() code} of the
 *     consistency level asked for; 0 elsewhere
 * @param origin for {@link #MODE_PRIMARY} requests: 1 + the position of the sender's rack among its
 *     datacenter's racks (sorted by name), whose replica must have applied the write before a DC_ONE
 *     answer; 0 when none
 * @param flags for replies: {@link #FLAG_DONE_FOLLOWS}; for requests {@link #FLAG_WRITE_TIME},
 *     {@link #FLAG_WRITE_TIME_GUARDED}
 * @param writeTime for requests with {@link #FLAG_WRITE_TIME}: the write's timestamp; 0 elsewhere
 */
public record PeerMessage(byte type, byte mode, byte consistency, byte origin, byte flags, long requestId,
                          ByteBuf payload, long writeTime) {

    public static final byte MAGIC = (byte) 0xD7;
    public static final byte VERSION = 3;
    public static final int HEADER_LENGTH = 20;

    public static final byte REQUEST = 1;
    public static final byte REPLY = 2;
    public static final byte ERROR = 3;
    /** The request's background work (replication to the other replicas) has ended; after a REPLY. */
    public static final byte DONE = 4;
    /** The connecting side's identity, its first frame. */
    public static final byte HELLO = 5;
    /** The hello was accepted; the accepting node's identity. A refused hello gets an ERROR, then a close. */
    public static final byte HELLO_OK = 6;
    public static final byte PING = 7;
    public static final byte PONG = 8;
    /** Reserved for hinted handoff; not served yet. */
    public static final byte HINT = 9;
    /** Range streaming between nodes (Merkle trees, key digests, exports, imports); answered in kind. */
    public static final byte STREAM = 10;
    /** Reserved for gossip; not served yet. */
    public static final byte GOSSIP = 11;
    /** A message published on the sending node, for the receiver's own subscribers; answered with their count. */
    public static final byte PUBLISH = 12;

    /** On a REPLY or ERROR: the sender goes on replicating and sends a DONE for this id when it is through. */
    public static final byte FLAG_DONE_FOLLOWS = 1;
    /** On a REQUEST: an 8-byte write timestamp precedes the payload. */
    public static final byte FLAG_WRITE_TIME = 2;
    /** On a REQUEST with a write time: a store keeping timestamps skips it where a key holds a newer one. */
    public static final byte FLAG_WRITE_TIME_GUARDED = 4;
    /** Bytes a write time adds to a REQUEST. */
    public static final int WRITE_TIME_LENGTH = 8;

    /** A frame without a write time. */
    public PeerMessage(byte type, byte mode, byte consistency, byte origin, byte flags, long requestId,
                       ByteBuf payload) {
        this(type, mode, consistency, origin, flags, requestId, payload, 0);
    }

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

    /**
     * Read repair: the receiver copies the request's first key whole from its own datastore, in the key's
     * write order there, to the key's owner in its datacenter's rack at position {@code origin}; the (empty)
     * reply comes once the copy was applied there.
     */
    public static final byte MODE_KEY_COPY = 4;

    private static final String[] NAMES = {"?", "REQUEST", "REPLY", "ERROR", "DONE", "HELLO", "HELLO_OK", "PING",
        "PONG", "HINT", "STREAM", "GOSSIP", "PUBLISH"};

    /** Appends a frame header for a payload of {@code length} bytes to {@code out}. */
    public static void writeHeader(ByteBuf out, byte type, byte mode, byte consistency, byte origin, byte flags,
                                   long id, int length) {
        out.writeByte(MAGIC).writeByte(VERSION).writeByte(type).writeByte(mode).writeByte(consistency)
                .writeByte(origin).writeByte(flags).writeByte(0).writeLong(id).writeInt(length);
    }

    /**
     * A whole frame of kind {@code type} for {@code id} carrying {@code payload} (ownership passes), in one
     * new buffer: for the few frames off the request path (hello, ping, refusals).
     */
    static ByteBuf frame(ByteBufAllocator alloc, byte type, long id, ByteBuf payload) {
        try {
            ByteBuf out = alloc.buffer(HEADER_LENGTH + payload.readableBytes());
            writeHeader(out, type, (byte) 0, (byte) 0, (byte) 0, (byte) 0, id, payload.readableBytes());
            return out.writeBytes(payload);
        } finally {
            payload.release();
        }
    }

    /** {@code REQUEST}, {@code HELLO}..., or {@code kind N} for a code this version does not know. */
    static String kindName(byte type) {
        return type > 0 && type < NAMES.length ? NAMES[type] : "kind " + type;
    }
}
