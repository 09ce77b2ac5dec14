package io.dynoj.redis.protocol;

import io.dynoj.core.spi.RackQuery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code SCAN cursor [MATCH p] [COUNT n] [TYPE t]} over the nodes of a rack, one node after another in
 * token order: each step asks one node's datastore with that node's own cursor ({@link ClusterCursor}) and
 * the client's options unchanged, and answers its keys with the cluster cursor of the next step. A node's
 * scan that ends moves the cursor to the next node's start, the last one's to {@code 0}. Each key lives on
 * one node of a rack, so each comes back once, with Redis's guarantees per node (keys added or removed
 * during the scan may or may not appear). Used on one event loop.
 */
final class RackScan implements RackQuery {

    private final RedisRequest request;
    private final ByteBufAllocator alloc;
    private int nodes;
    private byte[][] args;
    private ClusterCursor.Position position;
    private ByteBuf reply;

    RackScan(RedisRequest request, ByteBufAllocator alloc) {
        this.request = request;
        this.alloc = alloc;
    }

    @Override
    public int start(int nodes) {
        this.nodes = nodes;
        args = RespArgs.parse(request.frame());
        // SCAN's arity (a cursor at least) was checked by the decoder.
        position = ClusterCursor.decode(new String(args[1], StandardCharsets.US_ASCII), nodes);
        return position.node();
    }

    @Override
    public RedisRequest request(int node) {
        List<byte[]> forNode = new ArrayList<>(Arrays.asList(args));
        forNode.set(1, Long.toUnsignedString(position.cursor()).getBytes(StandardCharsets.US_ASCII));
        return RedisRequest.of(forNode, alloc);
    }

    @Override
    public int reply(int node, ByteBuf reply) {
        this.reply = reply;
        return DONE;
    }

    @Override
    public ByteBuf answer(ByteBufAllocator alloc) {
        if (RackQueries.isError(reply)) {
            ByteBuf error = reply;
            reply = null;
            return error;
        }
        try {
            return step(reply, position.node(), nodes, alloc);
        } catch (CorruptedFrameException | IllegalArgumentException e) {
            return RespWriter.error(alloc, "a node's reply to SCAN could not be read: " + e.getMessage());
        }
    }

    /** The client's reply for {@code node}'s SCAN reply: its keys, and the cluster cursor of the next step. */
    static ByteBuf step(ByteBuf nodeReply, int node, int nodes, ByteBufAllocator alloc) {
        Object tree = ReplyTree.of(nodeReply);
        if (!(ReplyTree.item(tree, 0) instanceof byte[] cursor) || !(ReplyTree.item(tree, 1) instanceof List<?> keys)) {
            throw new CorruptedFrameException("expected [cursor, keys]");
        }
        long nodeNext = Long.parseUnsignedLong(new String(cursor, StandardCharsets.US_ASCII));
        String next = nodeNext != 0 ? ClusterCursor.encode(node, nodeNext)
                : node + 1 < nodes ? ClusterCursor.encode(node + 1, 0) : "0";
        return RespWriter.array(alloc, List.of(next.getBytes(StandardCharsets.US_ASCII), keys));
    }

    @Override
    public void close() {
        request.release();
        if (reply != null) {
            reply.release();
        }
    }
}
