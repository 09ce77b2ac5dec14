package io.dynoj.core.spi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * How one key's whole value moves from one replica to another: the requests that read it (value and
 * expiry) on the replica that has it, and the one write that makes another replica hold exactly that. The
 * write must be idempotent (applying it twice leaves what applying it once did: Redis {@code RESTORE ...
 * REPLACE ABSTTL}, or {@code DEL} when the key is absent), so a copy that times out can simply be sent again.
 * Repair uses it where replaying a write could apply it twice (an {@code INCR} whose fate is unknown).
 *
 * <p>Stateless and thread-safe.
 */
public interface KeyCopy {

    /** The requests that read {@code key} (not retained) whole, in the order their replies are given to {@link #write}. */
    List<Request> read(ByteBuf key, ByteBufAllocator alloc);

    /**
     * The idempotent write that gives a replica what {@code replies} (the replies of {@link #read}, in order; not
     * released here) say {@code key} holds, a delete when it holds nothing, or {@code null} when the replies do
     * not allow a copy (an error). Expiry is made absolute with {@code nowMillis}, the reading replica's time.
     */
    Request write(ByteBuf key, List<ByteBuf> replies, long nowMillis, ByteBufAllocator alloc);

    /**
     * The read that asks a datastore keeping write times ({@link Datastore#keepsWriteTimes()}) for the timestamp of
     * {@code key}'s last write (its delete included), or {@code null} when the protocol has none (the default). A
     * copy from such a datastore carries the timestamp, guarded ({@link Request#writeTimeGuarded()}): the target
     * keeps a newer write; read repair asks every replica for it and the newest wins.
     */
    default Request writeTimeRead(ByteBuf key, ByteBufAllocator alloc) {
        return null;
    }

    /** The timestamp a reply to {@link #writeTimeRead} gives (not released here); -1 when it gives none (an error). */
    default long writeTimeOf(ByteBuf reply) {
        return -1;
    }
}
