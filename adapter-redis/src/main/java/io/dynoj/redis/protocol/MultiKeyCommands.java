package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Splitting the multi-key commands whose keys may live on different nodes (MGET, MSET, DEL, UNLINK,
 * EXISTS, TOUCH) into one command per node, and merging the parts' replies into the reply Redis itself
 * would give: MGET's values in the client's key order, MSET's OK, the others' summed counts.
 */
final class MultiKeyCommands {

    static final Set<String> SPLITTABLE = Set.of("mget", "mset", "del", "unlink", "exists", "touch");

    /** Commands whose subcommand decides whether they go to every node; their arguments are kept. */
    static final Set<String> BROADCAST_COMMANDS = Set.of("script", "function");
    private static final Set<String> BROADCAST_SUBCOMMANDS = Set.of("load", "flush", "exists", "delete", "restore");

    /** Commands that empty a datastore: every node's, or none (allow_flush_all). */
    static final Set<String> FLUSH_COMMANDS = Set.of("flushall", "flushdb");

    /**
     * SCRIPT LOAD/FLUSH/EXISTS and FUNCTION LOAD/DELETE/FLUSH/RESTORE run on every node; so do FLUSHALL
     * and FLUSHDB (when allowed), which must never empty one rack and leave the others.
     */
    static boolean isBroadcast(RedisRequest request) {
        return FLUSH_COMMANDS.contains(request.command())
                || BROADCAST_COMMANDS.contains(request.command()) && request.argc() > 1
                && BROADCAST_SUBCOMMANDS.contains(request.argString(1).toLowerCase(Locale.ROOT));
    }

    /** {@code request}, or when it would empty the cluster and the node does not allow that, its refusal. */
    static RedisRequest refuseFlush(RedisRequest request) {
        if (!FLUSH_COMMANDS.contains(request.command())) {
            return request;
        }
        String name = request.command().toUpperCase(Locale.ROOT);
        request.release();
        return RedisRequest.failed(name + " is disabled: it empties every node of the cluster; set "
                + "allow_flush_all: true in the node's configuration to allow it", false);
    }

    private MultiKeyCommands() {
    }

    /** A new request of the same command over the given keys (and for MSET their values). */
    static RedisRequest split(RedisRequest request, int[] keyIndexes, ByteBufAllocator alloc) {
        boolean withValues = "mset".equals(request.command());
        ByteBuf frame = alloc.buffer();
        RespWriter.writeHeader(frame, RespType.ARRAY, 1 + keyIndexes.length * (withValues ? 2 : 1));
        byte[] name = request.command().getBytes(StandardCharsets.US_ASCII);
        RespWriter.writeHeader(frame, RespType.BULK_STRING, name.length);
        frame.writeBytes(name).writeShort(0x0d0a);
        for (int k : keyIndexes) {
            ByteBuf key = request.key(k);
            RespWriter.writeHeader(frame, RespType.BULK_STRING, key.readableBytes());
            frame.writeBytes(key, key.readerIndex(), key.readableBytes()).writeShort(0x0d0a);
            if (withValues) {
                copyValueAfterKey(request, k, frame);
            }
        }
        return RespRequestDecoder.decodeComplete(frame);
    }

    /** Copies the bulk string that follows key {@code k} in the request (MSET's value) to {@code out}. */
    private static void copyValueAfterKey(RedisRequest request, int k, ByteBuf out) {
        ByteBuf original = request.frame();
        int value = original.readerIndex() + request.keyEnd(k) + 2;
        out.writeBytes(original, value, RespScanner.valueEnd(original, value) - value);
    }

    /**
     * The merged reply; takes ownership of the parts. A part that is an error is the answer; a part
     * that is not the reply the command gives (a datastore gone wrong) gets an error, not a guess.
     */
    static ByteBuf merge(String command, int keyCount, int[][] keyIndexes, ByteBuf[] parts, ByteBufAllocator alloc) {
        for (int p = 0; p < parts.length; p++) {
            RespType type = RespType.of(parts[p]);
            if (type != null && type.isError()) {
                ByteBuf error = parts[p];
                parts[p] = null;
                releaseAll(parts);
                return error;
            }
        }
        try {
            return switch (command) {
                case "mget" -> mergeArrays(keyCount, keyIndexes, parts, alloc);
                case "mset" -> FixedReplies.ok();
                default -> sumIntegers(parts, alloc);
            };
        } catch (CorruptedFrameException e) {
            return RespWriter.error(alloc, "a node's reply to a part of " + command.toUpperCase(Locale.ROOT)
                    + " could not be merged: " + e.getMessage());
        } finally {
            releaseAll(parts);
        }
    }

    private static ByteBuf mergeArrays(int keyCount, int[][] keyIndexes, ByteBuf[] parts, ByteBufAllocator alloc) {
        int[] from = new int[keyCount];
        int[] length = new int[keyCount];
        int[] part = new int[keyCount];
        int size = 16;
        for (int p = 0; p < parts.length; p++) {
            ByteBuf reply = parts[p];
            int pos = reply.readerIndex();
            int cr = RespScanner.lineEnd(reply, pos, reply.writerIndex());
            if (RespType.of(reply) != RespType.ARRAY || cr < 0
                    || RespScanner.number(reply, pos + 1, cr) != keyIndexes[p].length) {
                throw new CorruptedFrameException("expected an array of " + keyIndexes[p].length + " values");
            }
            pos = cr + 2;
            for (int k : keyIndexes[p]) {
                int end = RespScanner.valueEnd(reply, pos);
                from[k] = pos;
                length[k] = end - pos;
                part[k] = p;
                size += length[k];
                pos = end;
            }
        }
        ByteBuf out = alloc.buffer(size);
        RespWriter.writeHeader(out, RespType.ARRAY, keyCount);
        for (int k = 0; k < keyCount; k++) {
            out.writeBytes(parts[part[k]], from[k], length[k]);
        }
        return out;
    }

    /** The sum of integer replies (DEL, EXISTS...; DBSIZE over a rack); does not release them. */
    static ByteBuf sumIntegers(ByteBuf[] parts, ByteBufAllocator alloc) {
        long sum = 0;
        for (ByteBuf reply : parts) {
            int cr = RespScanner.lineEnd(reply, reply.readerIndex(), reply.writerIndex());
            long count = cr < 0 ? Long.MIN_VALUE : RespScanner.number(reply, reply.readerIndex() + 1, cr);
            if (RespType.of(reply) != RespType.INTEGER || count == Long.MIN_VALUE) {
                throw new CorruptedFrameException("expected an integer");
            }
            sum += count;
        }
        return RespWriter.integer(alloc, sum);
    }

    private static void releaseAll(ByteBuf[] parts) {
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] != null) {
                parts[i].release();
                parts[i] = null;
            }
        }
    }
}
