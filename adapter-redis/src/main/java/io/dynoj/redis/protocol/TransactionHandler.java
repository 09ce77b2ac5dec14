package io.dynoj.redis.protocol;

import io.dynoj.core.spi.KeyPlacement;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH of one client connection, between the decoder and the node.
 * After MULTI each command is checked as Redis checks it before queuing (the decoder already refused
 * unknown commands and wrong arities) and answered {@code +QUEUED}; EXEC passes the queued commands on as
 * one request ({@link TransactionUnit}), which the router sends whole to the nodes of its keys, where the
 * datastore runs it atomically and the primary replicates it as one unit. A transaction runs on one node
 * per rack, so a command whose keys live on other nodes than the transaction's earlier keys is refused
 * (naming hash tags as the way to keep keys together), and EXEC then answers EXECABORT, as after any
 * refused command; the connection stays usable. Outside a cluster every key is on this node.
 *
 * <p>WATCH sends {@code DYNOJ WATCH <token> <key>...} to the keys' primary, which records their versions
 * ({@link WatchedKeys}); the next EXEC carries the token and is answered a null array when a watched key was
 * written since. Until then the connection's reads of keys on the watched keys' nodes are served by their
 * primary too: a client reads a watched value, then writes what it computed from it, and the primary's check
 * holds only for what the primary had when the client read (a replica of another rack may lag behind it).
 * EXEC and DISCARD end the watch, as UNWATCH does.
 *
 * <p>One per connection, on its event loop; every other request passes untouched.
 */
final class TransactionHandler extends ChannelInboundHandlerAdapter {

    /** Answered by the node, yet queued as Redis queues them: the datastore runs them too. */
    private static final Set<String> LOCAL_BUT_QUEUED = Set.of("ping", "echo", "unwatch");

    /** The bytes that may be queued (max_request_bytes): the unit is one request, and a peer refuses more. */
    private final long maxBytes;
    private final KeyPlacement placement;
    /** The commands queued since MULTI; null outside a transaction. */
    private List<RedisRequest> queued;
    private long queuedBytes;
    private boolean failed;
    /** Where the transaction's keys (watched or queued) live; null before its first key. */
    private Object owners;
    /** The watched keys: a shared empty list until the first WATCH (most connections never watch). */
    private List<byte[]> watched = List.of();
    private long token;

    TransactionHandler(KeyPlacement placement, long maxBytes) {
        this.placement = placement;
        this.maxBytes = maxBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        RedisRequest r = (RedisRequest) msg;
        if (r.refusal() != null || r.line() != null) {
            // Refused by the decoder (unknown command, arity): Redis flags the transaction the same way.
            failed |= queued != null && !r.closeAfter();
            ctx.fireChannelRead(r);
            return;
        }
        switch (r.command()) {
            case "multi" -> answer(ctx, r, queued != null ? error("MULTI calls can not be nested") : multi());
            case "exec" -> exec(ctx, r);
            case "discard" -> answer(ctx, r, queued == null ? error("DISCARD without MULTI") : discard());
            case "watch" -> watch(ctx, r);
            case "unwatch" -> {
                if (queued != null) {
                    queue(ctx, r);
                } else {
                    answer(ctx, r, unwatch());
                }
            }
            case "reset" -> {
                discard();
                ctx.fireChannelRead(r);
            }
            case "quit" -> ctx.fireChannelRead(r);
            default -> {
                if (queued != null) {
                    queue(ctx, r);
                } else {
                    if (token != 0 && r.kind() == RequestKind.READ && onWatchedNodes(r)) {
                        r.readAtPrimary();
                    }
                    ctx.fireChannelRead(r);
                }
            }
        }
    }

    private RedisRequest multi() {
        queued = new ArrayList<>();
        queuedBytes = 0;
        failed = false;
        return RedisRequest.answered("+OK");
    }

    private void exec(ChannelHandlerContext ctx, RedisRequest r) {
        r.release();
        if (queued == null) {
            ctx.fireChannelRead(error("EXEC without MULTI"));
            return;
        }
        if (failed) {
            discard();
            ctx.fireChannelRead(RedisRequest.answered("-" + TransactionUnit.EXECABORT));
            return;
        }
        List<ByteBuf> frames = new ArrayList<>(queued.size());
        for (RedisRequest q : queued) {
            frames.add(q.frame());
        }
        RedisRequest unit = TransactionUnit.build(frames, token, watched, ctx.alloc());
        discard();
        ctx.fireChannelRead(unit);
    }

    /** Ends the transaction and the watch. */
    private RedisRequest discard() {
        if (queued != null) {
            queued.forEach(RedisRequest::release);
            queued = null;
        }
        failed = false;
        return unwatch();
    }

    private RedisRequest unwatch() {
        watched = List.of();
        token = 0;
        owners = null;
        return RedisRequest.answered("+OK");
    }

    private void watch(ChannelHandlerContext ctx, RedisRequest r) {
        if (queued != null) {
            answer(ctx, r, error("WATCH inside MULTI is not allowed"));
            return;
        }
        String elsewhere = checkKeys(r);
        if (elsewhere != null) {
            answer(ctx, r, error("WATCH " + elsewhere));
            return;
        }
        List<byte[]> keys = new ArrayList<>(r.keyCount());
        for (int k = 0; k < r.keyCount(); k++) {
            keys.add(ByteBufUtil.getBytes(r.key(k)));
        }
        while (token == 0) {
            token = ThreadLocalRandom.current().nextLong();
        }
        if (watched.isEmpty()) {
            watched = new ArrayList<>(keys);
        } else {
            watched.addAll(keys);
        }
        RedisRequest registration = TransactionUnit.watchRequest(token, keys, ctx.alloc());
        r.release();
        ctx.fireChannelRead(registration);
    }

    private void queue(ChannelHandlerContext ctx, RedisRequest r) {
        String refusal = queueRefusal(r);
        if (refusal != null) {
            failed = true;
            answer(ctx, r, error(refusal));
            return;
        }
        queued.add(r);
        queuedBytes += r.frame().readableBytes();
        ctx.fireChannelRead(RedisRequest.answered("+QUEUED"));
    }

    /** Why {@code r} cannot be part of this transaction, or null. */
    private String queueRefusal(RedisRequest r) {
        String name = r.command();
        if (queuedBytes + r.frame().readableBytes() > maxBytes - 1024) {
            return "the transaction is larger than max_request_bytes (" + maxBytes + "), which it must fit in";
        }
        if (r.spec().handling() == CommandSpec.Handling.LOCAL && !LOCAL_BUT_QUEUED.contains(name)) {
            return "'" + name + "' cannot run inside a transaction on Dynoj";
        }
        if (!placement.alone() && (MultiKeyCommands.isBroadcast(r) || RackQueries.isRackQuery(r))) {
            return "'" + name + "' concerns every node of the cluster and cannot run inside a transaction, "
                    + "which runs on one node";
        }
        String elsewhere = checkKeys(r);
        return elsewhere == null ? null : "'" + name + "' " + elsewhere;
    }

    /**
     * Null when every key of {@code r} lives where the transaction's earlier keys do (remembering where,
     * for the first); else the refusal's reason.
     */
    private String checkKeys(RedisRequest r) {
        Object first = owners;
        for (int k = 0; k < r.keyCount(); k++) {
            Object place = placement.replicasOf(r.key(k));
            if (first == null) {
                first = place;
            } else if (!first.equals(place)) {
                return "names a key on other nodes than the transaction's other keys: a transaction runs on "
                        + "one node, so all its keys (and the keys it watches) must hash alike; use one hash tag "
                        + "for them, e.g. {user:1}:name and {user:1}:visits";
            }
        }
        owners = first;
        return null;
    }

    /** Whether every key of {@code r} lives where the watched keys do. */
    private boolean onWatchedNodes(RedisRequest r) {
        for (int k = 0; k < r.keyCount(); k++) {
            if (!owners.equals(placement.replicasOf(r.key(k)))) {
                return false;
            }
        }
        return r.keyCount() > 0;
    }

    private static void answer(ChannelHandlerContext ctx, RedisRequest request, RedisRequest answer) {
        request.release();
        ctx.fireChannelRead(answer);
    }

    private static RedisRequest error(String message) {
        return RedisRequest.failed(message, false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discard();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discard();
    }

    @Override
    public String toString() {
        return "TransactionHandler[" + (queued == null ? "idle" : queued.size() + " queued") + ", watching "
                + watched.size() + " keys]";
    }
}
