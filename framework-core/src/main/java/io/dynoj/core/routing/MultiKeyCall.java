package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.spi.LoopReplySink;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.ReplySink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;

/**
 * A multi-key request split by owner: its parts run in parallel and their replies are merged, in
 * the client's key order, by the protocol adapter. State changes run on the client's event loop.
 */
final class MultiKeyCall {

    private final ReplySink client;
    private final ProtocolAdapter protocol;
    private final String command;
    private final int keyCount;
    private final int[][] keyIndexes;
    private final ByteBuf[] replies;
    private final ByteBufAllocator alloc;
    private String error;
    private int done;

    MultiKeyCall(ReplySink client, ProtocolAdapter protocol, String command, int keyCount, int[][] keyIndexes,
                 ByteBufAllocator alloc) {
        this.client = client;
        this.protocol = protocol;
        this.command = command;
        this.keyCount = keyCount;
        this.keyIndexes = keyIndexes;
        this.replies = new ByteBuf[keyIndexes.length];
        this.alloc = alloc;
    }

    ReplySink part(int index) {
        return new PartSink(index);
    }

    private void onPart(int index, ByteBuf reply, String partError) {
        replies[index] = reply;
        if (partError != null && error == null) {
            error = partError;
        }
        if (++done < replies.length) {
            return;
        }
        if (error != null) {
            for (ByteBuf r : replies) {
                if (r != null) {
                    r.release();
                }
            }
            client.error(error);
        } else {
            client.reply(protocol.mergeReplies(command, keyCount, keyIndexes, replies, alloc));
        }
    }

    private final class PartSink extends LoopReplySink {
        private final int index;

        PartSink(int index) {
            this.index = index;
        }

        @Override
        protected void onReply(ByteBuf reply) {
            onPart(index, reply, null);
        }

        @Override
        protected void onError(String message) {
            onPart(index, null, message);
        }

        @Override
        public EventLoop eventLoop() {
            return client.eventLoop();
        }

        @Override
        public int connectionId() {
            return client.connectionId();
        }

        @Override
        public Runnable background() {
            return client.background();
        }

        @Override
        public ConsistencyLevel readConsistency() {
            return client.readConsistency();
        }

        @Override
        public ConsistencyLevel writeConsistency() {
            return client.writeConsistency();
        }
    }
}
