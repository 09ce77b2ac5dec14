package io.dynoj.memcached.protocol;

import com.google.auto.service.AutoService;
import io.dynoj.core.config.AuthSettings;
import io.dynoj.core.spi.ClientAuthenticator;
import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;

/** The memcached text and meta protocol, named {@code memcached} ({@code data_store: 1}). */
@AutoService(ProtocolAdapter.class)
public final class MemcachedProtocolAdapter implements ProtocolAdapter {

    public static final String NAME = "memcached";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ChannelHandler newDecoder(ProtocolLimits limits) {
        return new MemcachedRequestDecoder(limits);
    }

    @Override
    public LocalAnswer answerLocally(Request request, ClientSession session) {
        return MemcachedLocalCommands.answer((MemcachedRequest) request, session);
    }

    /** {@code SERVER_ERROR <message>}: the node's own failures (datastore unreachable, timeout, quorum). */
    @Override
    public ByteBuf errorReply(ByteBufAllocator alloc, String message) {
        return MemcachedLocalCommands.line(alloc, "SERVER_ERROR " + message.replace('\r', ' ').replace('\n', ' '));
    }

    @Override
    public Request decodeFrame(ByteBuf frame) {
        return MemcachedRequestDecoder.decodeComplete(frame);
    }

    @Override
    public boolean isSplittable(Request request) {
        return MemcachedMultiGet.isSplittable((MemcachedRequest) request);
    }

    /** flush_all (the decoder refuses it unless the node allows it) runs on every node. */
    @Override
    public boolean isBroadcast(Request request) {
        MemcachedRequest r = (MemcachedRequest) request;
        return r.commandType() == MemcachedCommand.FLUSH_ALL && r.refusal() == null;
    }

    @Override
    public Request splitRequest(Request request, int[] keyIndexes, ByteBufAllocator alloc) {
        return MemcachedMultiGet.split((MemcachedRequest) request, keyIndexes, alloc);
    }

    @Override
    public ByteBuf mergeReplies(Request original, int[][] keyIndexes, ByteBuf[] partReplies, ByteBufAllocator alloc) {
        return MemcachedMultiGet.merge((MemcachedRequest) original, keyIndexes, partReplies, alloc);
    }

    /** A cas is replayed as the set it became, a meta compare without its C flag; see {@link MemcachedEffects}. */
    /** Relative exptimes made absolute, so every replica stores the same expiry ({@link AbsoluteExptimes}). */
    @Override
    public Request atPrimary(Request request, long nowMillis, ByteBufAllocator alloc) {
        return AbsoluteExptimes.atPrimary((MemcachedRequest) request, nowMillis, alloc);
    }

    @Override
    public Request effect(Request executed, ByteBuf reply, ByteBufAllocator alloc) {
        return MemcachedEffects.effect((MemcachedRequest) executed, reply, alloc,
                frame -> (MemcachedRequest) decodeFrame(frame));
    }

    /** See {@link IdempotentWrites}. */
    @Override
    public boolean isIdempotent(Request effect) {
        return effect instanceof MemcachedRequest r && IdempotentWrites.isIdempotent(r);
    }

    /** mg v f t, then ms with an absolute expiry or md; see {@link MemcachedKeyCopy}. */
    @Override
    public io.dynoj.core.spi.KeyCopy keyCopy() {
        return MemcachedKeyCopy.INSTANCE;
    }

    /** A one-key {@code get}: its reply is the item (no cas value), byte for byte alike on every replica. */
    @Override
    public boolean isRepairable(Request read) {
        return read instanceof MemcachedRequest r && r.commandType() == MemcachedCommand.GET && r.keyCount() == 1;
    }

    /** gets, gats, mg with the c flag and me answer the primary's cas value: they are served by the primary. */
    @Override
    public boolean readsFromPrimary(Request request) {
        return MemcachedEffects.returnsCas((MemcachedRequest) request);
    }

    /**
     * {@code get} and {@code mg} without flags that change the item (those are writes) may be served by another
     * replica when theirs fails; {@code gets}, {@code gats} and {@code mg c} answer the primary's cas value,
     * which no other replica has, so they never are.
     */
    @Override
    public boolean isFailoverSafe(Request request) {
        MemcachedRequest r = (MemcachedRequest) request;
        MemcachedCommand command = r.commandType();
        return r.kind() == RequestKind.READ && (command == MemcachedCommand.GET
                || command == MemcachedCommand.MG && !MemcachedEffects.returnsCas(r));
    }

    /** memcached's {@code -Y auth_file} for the text protocol; see {@link MemcachedAuthenticator}. */
    @Override
    public ClientAuthenticator authenticator(AuthSettings settings) {
        return MemcachedAuthenticator.of(settings);
    }
}
