package io.dynoj.core.spi;

import io.dynoj.core.config.AuthSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import java.util.function.ToLongFunction;

/**
 * A client wire protocol (Redis RESP, memcached text...).
 *
 * <p>An adapter turns bytes into {@link Request}s, says which requests the node answers itself,
 * and writes errors the way its clients expect them. Replies from a datastore of the same protocol
 * pass through untouched, so an adapter needs no reply encoder.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (register them with
 * {@code @AutoService(ProtocolAdapter.class)}) and chosen by {@link #name()}. One instance serves
 * every connection and must be thread-safe; {@link #newDecoder} makes the per-connection state.
 */
public interface ProtocolAdapter {

    /** The name configuration uses for this protocol, e.g. {@code "redis"}. */
    String name();

    /**
     * A new decoder for one client connection. It emits {@link Request}s in the order they
     * arrive; input it cannot parse becomes a {@link RequestKind#LOCAL} request whose
     * {@link #answerLocally} answer is the protocol's error and closes the connection.
     */
    ChannelHandler newDecoder(ProtocolLimits limits);

    /**
     * The node's own answer to {@code request}, or {@code null} when a datastore must serve it.
     * Called on the connection's event loop for every request; must be cheap for forwarded ones.
     * When it returns an answer the adapter has not released the request; the caller does.
     */
    LocalAnswer answerLocally(Request request, ClientSession session);

    /** {@code message} as this protocol's error reply (for Redis {@code -ERR message\r\n}). */
    ByteBuf errorReply(ByteBufAllocator alloc, String message);

    /**
     * Reads one complete request frame, as a peer forwarded it, back into a {@link Request}.
     * Takes ownership of {@code frame}. A frame that is not one valid request gives a
     * {@link RequestKind#LOCAL} request whose local answer is the error.
     */
    Request decodeFrame(ByteBuf frame);

    /**
     * Whether a request whose keys belong to different nodes may be split into one request per node
     * (Redis MGET, MSET, DEL, UNLINK, EXISTS, TOUCH; memcached multi-key get), with
     * {@link #splitRequest} and {@link #mergeReplies}.
     */
    boolean isSplittable(Request request);

    /**
     * Whether a keyless request must run on every node of the cluster (Redis SCRIPT LOAD/FLUSH, so
     * that EVALSHA finds the script wherever its keys live). The client gets the local node's reply.
     */
    boolean isBroadcast(Request request);

    /**
     * A new request of the same command over the keys at {@code keyIndexes} (with the arguments
     * that belong to them, such as MSET's values). The original stays owned by the caller.
     */
    Request splitRequest(Request request, int[] keyIndexes, ByteBufAllocator alloc);

    /**
     * The client's reply to a split request, from its parts' replies. {@code keyIndexes[p]} are
     * the original key positions part {@code p} served. Takes ownership of {@code partReplies};
     * {@code original} stays the caller's. If a part replied with an error, that error is the answer.
     */
    ByteBuf mergeReplies(Request original, int[][] keyIndexes, ByteBuf[] partReplies, ByteBufAllocator alloc);

    /**
     * The form of a write that its key's primary executes, and so every replica applies: a write whose
     * outcome depends on the moment it runs is made absolute here (Redis {@code EXPIRE k 10} becomes
     * {@code PEXPIREAT k <now + 10 s>}), so that replicas applying it later agree. Called once per write,
     * on the primary, before it executes. Takes ownership of {@code request}: returns it, or a new request
     * after releasing it.
     */
    default Request atPrimary(Request request, long nowMillis, ByteBufAllocator alloc) {
        return request;
    }

    /**
     * What the other replicas apply once the primary executed {@code executed} and answered {@code reply}:
     * a retained duplicate of {@code executed} when replaying the command gives the same result everywhere;
     * a request that replays the primary's outcome when the command chose it (Redis {@code SPOP} becomes
     * {@code SREM} of the members it popped; memcached {@code cas} becomes {@code set}); or {@code null}
     * when nothing changed (an error reply). Releases neither argument. Called on the primary.
     */
    default Request effect(Request executed, ByteBuf reply, ByteBufAllocator alloc) {
        return executed.retainedDuplicate();
    }

    /**
     * The effect of {@code prepared} (the form {@link #atPrimary} returned) when it is known before the
     * primary executes it: a retained duplicate of {@code prepared} when replaying it gives the same result
     * on every replica whatever the primary answers (an error included: the replicas hold the same data in
     * the same order), or {@code null} (the default) when the effect depends on the primary's reply. The
     * primary sends a known effect to the other replicas as it executes the write, in the key's order, so a
     * quorum costs the slower of its own store and a peer rather than both one after the other. Releases
     * nothing. Called on the primary.
     */
    default Request effectBeforeExecution(Request prepared) {
        return null;
    }

    /**
     * Whether applying the write {@code effect} (an effect the primary sent to replicas) twice, in the order the
     * primary gave it, leaves what applying it once did: Redis {@code SET}, {@code DEL}, {@code HSET}; not
     * {@code INCR}, {@code APPEND}, {@code LPUSH}. Hinted handoff replays idempotent effects whose fate on a
     * replica is unknown and repairs the keys of the others ({@link #keyCopy}). The default: false (never
     * replayed twice). Must be cheap; does not take ownership.
     */
    default boolean isIdempotent(Request effect) {
        return false;
    }

    /**
     * Whether read repair may compare the replies several replicas gave to {@code read} and, when they differ,
     * copy its key from the winner to the others ({@link #keyCopy}): a one-key read whose answer is what the key
     * holds (not a remaining TTL, not a random pick). The default: false.
     */
    default boolean isRepairable(Request read) {
        return false;
    }

    /**
     * Whether two replicas' replies to {@code read} say the same: byte for byte by default; a protocol whose
     * replies list unordered things (a Redis set's members, a hash's fields) compares them in a canonical order.
     * Does not take ownership or move the buffers' indexes.
     */
    default boolean sameAnswer(Request read, ByteBuf a, ByteBuf b) {
        return io.netty.buffer.ByteBufUtil.equals(a, b);
    }

    /** How one key's whole value is copied between replicas, or {@code null} (the default) when it cannot be. */
    default KeyCopy keyCopy() {
        return null;
    }

    /**
     * Why {@code request} cannot be served correctly by a cluster of several nodes, or {@code null} (the
     * default): it reads keys it does not name, found only as it runs, which may live on other nodes (Redis
     * {@code SORT ... BY pattern}). The router asks this of every client request it routes when the
     * topology has more than one node, before routing it, and answers a refusal with the protocol's error;
     * a single node holds every key and is never asked. {@code token} is the router's key hash (hash tag
     * included): keys of equal tokens live on the same nodes. Called on the client's event loop for every
     * request, so it must be cheap; it does not take ownership of {@code request}.
     */
    default String refusalInCluster(Request request, ToLongFunction<ByteBuf> token) {
        return null;
    }

    /**
     * Whether a read must be served by its key's primary rather than the local rack: its answer carries
     * something only the primary decides (memcached {@code gets}: the cas value a later {@code cas} is
     * checked against on the primary).
     */
    default boolean readsFromPrimary(Request request) {
        return false;
    }

    /**
     * Whether {@code request} may be sent to another replica when the one it was sent to cannot answer (not
     * reachable, its connection lost, no answer in time): the router then tries the key's owner in the
     * next rack, then another datacenter. Only a request that changes nothing and whose answer any replica
     * may give is safe: a second run must not be seen twice, and the first may have run before its
     * connection failed. The default: reads ({@link RequestKind#READ}) that do not read from the primary.
     * Writes are never sent to another owner, whatever this says. Called on the client's event loop, only
     * for a read about to be forwarded to a peer; must be cheap. Does not take ownership.
     */
    default boolean isFailoverSafe(Request request) {
        return request.kind() == RequestKind.READ && !readsFromPrimary(request);
    }

    /**
     * How the nodes of the local rack answer {@code request} together when it has no key and concerns the
     * whole key space (Redis DBSIZE, KEYS, SCAN, RANDOMKEY), or {@code null} (the default): the node's own
     * datastore answers it. Asked only when the topology has more than one node. A non-null query owns
     * {@code request} from then on and releases it in {@link RackQuery#close}.
     */
    default RackQuery rackQuery(Request request) {
        return null;
    }

    /**
     * How {@code request} waits for something to take (Redis BLPOP...), or {@code null} (the default): it does
     * not block. The router then serves it at its key's primary without a datastore connection waiting. Called
     * on an event loop for every request the router routes, so it must be cheap; does not take ownership.
     */
    default BlockingRequest blocking(Request request) {
        return null;
    }

    /**
     * A handler for one client connection, placed between {@link #newDecoder} and the node, that keeps
     * what the protocol holds across requests of the connection (Redis MULTI ... EXEC queues commands and
     * sends them as one request), or {@code null} (the default): requests go straight on. It reads
     * {@link Request}s and passes requests on; {@code placement} tells which keys may run together, and
     * {@code limits} how large a request it builds may be (a peer refuses larger frames).
     */
    default ChannelHandler newTransactionHandler(ProtocolLimits limits, KeyPlacement placement) {
        return null;
    }

    /**
     * This protocol's client authentication as {@code settings} configure it, or {@code null} when they ask
     * for none (then no connection pays for a check). Called once per node when its client port opens.
     * The default, for a protocol without authentication, refuses settings that ask for some rather than
     * leave the port open.
     *
     * @throws IllegalArgumentException when the settings are invalid for this protocol (an unreadable or
     *     malformed users file, a key of another protocol)
     */
    default ClientAuthenticator authenticator(AuthSettings settings) {
        if (settings.clientAuthConfigured()) {
            throw new IllegalArgumentException("protocol '" + name() + "' has no client authentication; remove "
                    + "requirepass, acl_file and auth_file");
        }
        return null;
    }
}
