package io.dynoj.redis.protocol;

import io.dynoj.core.spi.RackQuery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Redis commands over the whole key space that the nodes of a rack answer together: DBSIZE (the sum
 * of what each node's datastore holds: a node given keys it does not own, by a token change not yet
 * repaired, counts them too), KEYS (each node's keys, one node after another), RANDOMKEY (a random node's,
 * the next node's when one is empty) and SCAN ({@link RackScan}). A reply that is an error is the client's
 * answer as it is. Each query is used on one event loop.
 */
final class RackQueries {

    private RackQueries() {
    }

    /** The query for {@code request}, which it then owns, or {@code null} for any other command. */
    static RackQuery of(RedisRequest request, ByteBufAllocator alloc) {
        if (request.refusal() != null) {
            return null;
        }
        return switch (request.command()) {
            case "dbsize", "keys" -> new Gather(request);
            case "randomkey" -> new RandomKey(request);
            case "scan" -> new RackScan(request, alloc);
            default -> null;
        };
    }

    /** Whether {@link #of} makes a query of {@code request}: the rack answers it together. */
    static boolean isRackQuery(RedisRequest request) {
        return switch (request.command()) {
            case "dbsize", "keys", "randomkey", "scan" -> true;
            default -> false;
        };
    }

    static boolean isError(ByteBuf reply) {
        RespType type = RespType.of(reply);
        return type != null && type.isError();
    }

    /** Every node at once; integers summed (DBSIZE) or arrays concatenated (KEYS). */
    static final class Gather implements RackQuery {
        private final RedisRequest request;
        private ByteBuf[] replies;

        Gather(RedisRequest request) {
            this.request = request;
        }

        @Override
        public int start(int nodes) {
            replies = new ByteBuf[nodes];
            return ALL;
        }

        @Override
        public RedisRequest request(int node) {
            return (RedisRequest) request.retainedDuplicate();
        }

        @Override
        public int reply(int node, ByteBuf reply) {
            replies[node] = reply;
            return DONE;
        }

        @Override
        public ByteBuf answer(ByteBufAllocator alloc) {
            for (int i = 0; i < replies.length; i++) {
                if (isError(replies[i])) {
                    ByteBuf error = replies[i];
                    replies[i] = null;
                    return error;
                }
            }
            try {
                return "dbsize".equals(request.command()) ? MultiKeyCommands.sumIntegers(replies, alloc)
                        : concatenate(replies, alloc);
            } catch (CorruptedFrameException e) {
                return RespWriter.error(alloc, "a node's reply to " + request.command().toUpperCase(Locale.ROOT)
                        + " could not be merged: " + e.getMessage());
            }
        }

        @Override
        public void close() {
            request.release();
            if (replies != null) {
                for (ByteBuf r : replies) {
                    if (r != null) {
                        r.release();
                    }
                }
            }
        }
    }

    /** The items of array replies, in reply order, as one array. */
    static ByteBuf concatenate(ByteBuf[] replies, ByteBufAllocator alloc) {
        long count = 0;
        int size = 32;
        for (ByteBuf reply : replies) {
            count += arrayLength(reply);
            size += reply.readableBytes();
        }
        ByteBuf out = alloc.buffer(size);
        RespWriter.writeHeader(out, RespType.ARRAY, count);
        for (ByteBuf reply : replies) {
            int items = RespScanner.lineEnd(reply, reply.readerIndex(), reply.writerIndex()) + 2;
            out.writeBytes(reply, items, reply.writerIndex() - items);
        }
        return out;
    }

    private static long arrayLength(ByteBuf reply) {
        int cr = RespScanner.lineEnd(reply, reply.readerIndex(), reply.writerIndex());
        long n = cr < 0 ? -1 : RespScanner.number(reply, reply.readerIndex() + 1, cr);
        if (RespType.of(reply) != RespType.ARRAY || n < 0) {
            throw new CorruptedFrameException("expected an array");
        }
        return n;
    }

    /**
     * A random node first; on a nil (an empty node) or no answer (a node down) the next one, until every node
     * has been asked.
     */
    static final class RandomKey implements RackQuery {
        private final RedisRequest request;
        private int nodes;
        private int asked;
        private int unanswered;
        private ByteBuf answer;

        RandomKey(RedisRequest request) {
            this.request = request;
        }

        @Override
        public int start(int nodes) {
            this.nodes = nodes;
            return ThreadLocalRandom.current().nextInt(nodes);
        }

        @Override
        public RedisRequest request(int node) {
            return (RedisRequest) request.retainedDuplicate();
        }

        @Override
        public int reply(int node, ByteBuf reply) {
            boolean nil = RespType.of(reply) == RespType.BULK_STRING && reply.readableBytes() > 1
                    && reply.getByte(reply.readerIndex() + 1) == '-';
            if (nil && ++asked < nodes) {
                reply.release();
                return (node + 1) % nodes;
            }
            answer = reply;
            return DONE;
        }

        /**
         * A node that cannot answer is skipped: any reachable node's key is a random key. When none answered
         * at all the request fails; when those that answered were empty the answer is nil.
         */
        @Override
        public int unanswered(int node) {
            unanswered++;
            if (++asked < nodes) {
                return (node + 1) % nodes;
            }
            return unanswered == nodes ? FAIL : DONE;
        }

        @Override
        public ByteBuf answer(ByteBufAllocator alloc) {
            ByteBuf out = answer != null ? answer : FixedReplies.nullBulk();
            answer = null;
            return out;
        }

        @Override
        public void close() {
            request.release();
            if (answer != null) {
                answer.release();
            }
        }
    }
}
