package io.dynoj.redis.protocol;

import com.google.auto.service.AutoService;
import io.dynoj.core.config.AuthSettings;
import io.dynoj.core.spi.ClientAuthenticator;
import io.dynoj.core.spi.BlockingRequest;
import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.KeyPlacement;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.RackQuery;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.dynoj.redis.auth.RedisAuthenticator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import java.util.function.ToLongFunction;

/** The Redis RESP2 protocol, named {@code redis} ({@code data_store: 0}). */
@AutoService(ProtocolAdapter.class)
public final class RedisProtocolAdapter implements ProtocolAdapter {

    public static final String NAME = "redis";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ChannelHandler newDecoder(ProtocolLimits limits) {
        return new RespRequestDecoder(CommandTable.standard(), limits);
    }

    /** MULTI/EXEC/WATCH: see {@link TransactionHandler}. */
    @Override
    public ChannelHandler newTransactionHandler(ProtocolLimits limits, KeyPlacement placement) {
        return new TransactionHandler(placement, limits.maxRequestBytes());
    }

    @Override
    public LocalAnswer answerLocally(Request request, ClientSession session) {
        return LocalCommands.answer((RedisRequest) request, session);
    }

    @Override
    public BlockingRequest blocking(Request request) {
        return BlockingCommands.of((RedisRequest) request);
    }

    @Override
    public ByteBuf errorReply(ByteBufAllocator alloc, String message) {
        return RespWriter.error(alloc, message);
    }

    @Override
    public Request decodeFrame(ByteBuf frame) {
        return RespRequestDecoder.decodeComplete(frame);
    }

    @Override
    public boolean isSplittable(Request request) {
        return MultiKeyCommands.SPLITTABLE.contains(request.command());
    }

    @Override
    public boolean isBroadcast(Request request) {
        return MultiKeyCommands.isBroadcast((RedisRequest) request);
    }

    @Override
    public Request splitRequest(Request request, int[] keyIndexes, ByteBufAllocator alloc) {
        return MultiKeyCommands.split((RedisRequest) request, keyIndexes, alloc);
    }

    @Override
    public ByteBuf mergeReplies(Request original, int[][] keyIndexes, ByteBuf[] partReplies, ByteBufAllocator alloc) {
        return MultiKeyCommands.merge(original.command(), original.keyCount(), keyIndexes, partReplies, alloc);
    }

    /** SORT's BY and GET patterns that may read other nodes' keys; see {@link SortPatterns}. */
    @Override
    public String refusalInCluster(Request request, ToLongFunction<ByteBuf> token) {
        return SortPatterns.refusalInCluster((RedisRequest) request, token);
    }

    /** Relative expiries made absolute; see {@link RedisEffects}. */
    @Override
    public Request atPrimary(Request request, long nowMillis, ByteBufAllocator alloc) {
        RedisRequest redis = (RedisRequest) request;
        return redis.parts() != null ? TransactionEffects.atPrimary(redis, nowMillis, alloc)
                : RedisEffects.atPrimary(redis, nowMillis, alloc);
    }

    /**
     * SPOP replayed as SREM, XADD * with its ID, the consumer-group commands with the primary's times
     * ({@link StreamEffects}), errors not at all; see {@link RedisEffects}.
     */
    @Override
    public Request effect(Request executed, ByteBuf reply, ByteBufAllocator alloc) {
        RedisRequest redis = (RedisRequest) executed;
        return redis.parts() != null ? TransactionEffects.effect(redis, reply, alloc)
                : RedisEffects.effect(redis, reply, alloc);
    }

    /** See {@link IdempotentWrites}. */
    @Override
    public boolean isIdempotent(Request effect) {
        return effect instanceof RedisRequest r && IdempotentWrites.isIdempotent(r);
    }

    /** See {@link RepairableReads}. */
    @Override
    public boolean isRepairable(Request read) {
        return read instanceof RedisRequest r && RepairableReads.isRepairable(r);
    }

    /** Byte for byte, sets and hashes in a canonical order; see {@link RepairableReads}. */
    @Override
    public boolean sameAnswer(Request read, ByteBuf a, ByteBuf b) {
        return read instanceof RedisRequest r ? RepairableReads.sameAnswer(r, a, b)
                : ProtocolAdapter.super.sameAnswer(read, a, b);
    }

    /** PTTL + DUMP, then RESTORE ... REPLACE ABSTTL or DEL; see {@link RedisKeyCopy}. */
    @Override
    public io.dynoj.core.spi.KeyCopy keyCopy() {
        return RedisKeyCopy.INSTANCE;
    }

    /** Every write the command table does not mark as choosing its result: the command itself. */
    @Override
    public Request effectBeforeExecution(Request prepared) {
        RedisRequest request = (RedisRequest) prepared;
        if (request.parts() != null) {
            return TransactionEffects.beforeExecution(request);
        }
        return request.spec() != null && !request.spec().nondeterministic() ? request.retainedDuplicate() : null;
    }

    /**
     * Reads, which change nothing and read what every replica holds, may be sent to another replica when theirs
     * cannot answer; SPUBLISH, which Redis does not flag a write, delivers a message and must not run twice.
     */
    @Override
    public boolean isFailoverSafe(Request request) {
        return request.kind() == RequestKind.READ && !CommandPolicy.READS_WITH_EFFECTS.contains(request.command())
                && !readsFromPrimary(request);
    }

    /**
     * A WATCH registers the keys' versions where their writes run first, on their primary
     * ({@link WatchedKeys}); reads of watched keys are served there too, so that what the client reads before
     * its EXEC is what the primary's check compares against, not a replica that has not caught up.
     */
    @Override
    public boolean readsFromPrimary(Request request) {
        RedisRequest redis = (RedisRequest) request;
        return redis.spec() == TransactionUnit.WATCH || redis.readsAtPrimary();
    }

    /** DBSIZE, KEYS, RANDOMKEY and SCAN over the nodes of the local rack; see {@link RackQueries}. */
    @Override
    public RackQuery rackQuery(Request request) {
        return RackQueries.of((RedisRequest) request, ByteBufAllocator.DEFAULT);
    }

    /** {@code requirepass} and {@code acl_file} users; see {@link RedisAuthenticator}. */
    @Override
    public ClientAuthenticator authenticator(AuthSettings settings) {
        return RedisAuthenticator.of(settings);
    }
}
