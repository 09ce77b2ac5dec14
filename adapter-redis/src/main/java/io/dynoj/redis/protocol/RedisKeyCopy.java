package io.dynoj.redis.protocol;

import io.dynoj.core.spi.KeyCopy;
import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A Redis key copied whole, as Redis moves keys itself (MIGRATE): {@code PTTL} and {@code DUMP} on the replica
 * that has it, then {@code RESTORE key <absolute ms> payload REPLACE ABSTTL} on the other, or {@code DEL} when
 * the key is gone. Both writes are idempotent. Works alike on redis-server and on the embedded engine, whose
 * DUMP payload is Redis's. On the embedded engine the copy also carries the key's write time
 * ({@link #writeTimeRead}: {@code OBJECT WRITETIME}), so the target keeps a newer write. Stateless.
 */
final class RedisKeyCopy implements KeyCopy {

    static final RedisKeyCopy INSTANCE = new RedisKeyCopy();

    private RedisKeyCopy() {
    }

    @Override
    public List<Request> read(ByteBuf key, ByteBufAllocator alloc) {
        byte[] k = ByteBufUtil.getBytes(key);
        return List.of(RedisRequest.of(List.of(bytes("PTTL"), k), alloc),
                RedisRequest.of(List.of(bytes("DUMP"), k), alloc));
    }

    @Override
    public Request write(ByteBuf key, List<ByteBuf> replies, long nowMillis, ByteBufAllocator alloc) {
        if (replies.size() != 2) {
            return null;
        }
        Object pttl = ReplyTree.of(replies.get(0));
        Object dump = ReplyTree.of(replies.get(1));
        byte[] k = ByteBufUtil.getBytes(key);
        if (pttl instanceof ReplyTree.Error || dump instanceof ReplyTree.Error) {
            return null;
        }
        if (dump == null) {
            return RedisRequest.of(List.of(bytes("DEL"), k), alloc);
        }
        if (!(dump instanceof byte[] payload) || !(pttl instanceof Long ttl)) {
            return null;
        }
        // -1: no expiry (0 to RESTORE); -2: expired between the two reads, so it is gone.
        if (ttl == -2) {
            return RedisRequest.of(List.of(bytes("DEL"), k), alloc);
        }
        long at = ttl < 0 ? 0 : nowMillis + Math.max(1, ttl);
        return RedisRequest.of(List.of(bytes("RESTORE"), k, bytes(Long.toString(at)), payload, bytes("REPLACE"),
                bytes("ABSTTL")), alloc);
    }

    /** {@code OBJECT WRITETIME key}: the embedded engine's timestamp of the key's last write; redis-server refuses it. */
    @Override
    public Request writeTimeRead(ByteBuf key, ByteBufAllocator alloc) {
        return RedisRequest.of(List.of(bytes("OBJECT"), bytes("WRITETIME"), ByteBufUtil.getBytes(key)), alloc);
    }

    @Override
    public long writeTimeOf(ByteBuf reply) {
        return ReplyTree.of(reply) instanceof Long time ? time : -1;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
