package io.dynoj.core.spi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A request that waits, up to a timeout, until it can take something from its keys (Redis BLPOP, BRPOP,
 * BLMOVE, BZPOPMIN...). The node never sends it to a datastore as it is, where it would hold a connection
 * many clients share: the key's primary runs its non-blocking {@link #attempt} through the ordinary write
 * path (so what it takes is replicated like any write), and when that finds nothing, parks the request and
 * attempts again after each later write to the key, until the timeout. Made by
 * {@link ProtocolAdapter#blocking}; does not own the request it was made from. Immutable.
 */
public interface BlockingRequest {

    /** How long the client waits at most, in milliseconds; 0 for no limit. */
    long timeoutMillis();

    /** The non-blocking form to run now (Redis BLPOP k 5 becomes LMPOP 1 k LEFT), a new request. */
    Request attempt(ByteBufAllocator alloc);

    /**
     * The client's reply from the attempt's reply (released here), or {@code null} when the attempt found
     * nothing and the request waits on. An error reply is the client's answer.
     */
    ByteBuf answer(ByteBuf attemptReply, ByteBufAllocator alloc);

    /** The reply when the timeout passed with nothing taken (Redis: a null array). */
    ByteBuf timedOut(ByteBufAllocator alloc);

    /** Whether {@code reply} (read only) is {@link #timedOut}'s: the wait ended with nothing. */
    boolean isTimedOut(ByteBuf reply);

    /** The same blocking request with another timeout, a new request: one slice of a longer wait. */
    Request withTimeout(long millis, ByteBufAllocator alloc);
}
