package io.dynoj.core.routing;

import io.dynoj.core.spi.ChildSink;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A multi-key request split by owner: its parts run in parallel and their replies are merged, in
 * the client's key order, by the protocol adapter. State changes run on the client's event loop.
 */
final class MultiKeyCall {

    private final ReplySink client;
    private final ProtocolAdapter protocol;
    private final Request original;
    private final int[][] keyIndexes;
    private final ByteBuf[] replies;
    private final ByteBufAllocator alloc;
    private String error;
    private int done;

    /** Holds {@code original} (the caller's reference) until the merge, and releases it then. */
    MultiKeyCall(ReplySink client, ProtocolAdapter protocol, Request original, int[][] keyIndexes,
                 ByteBufAllocator alloc) {
        this.client = client;
        this.protocol = protocol;
        this.original = original;
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
        try {
            if (error != null) {
                for (ByteBuf r : replies) {
                    if (r != null) {
                        r.release();
                    }
                }
                client.error(error);
            } else {
                client.reply(protocol.mergeReplies(original, keyIndexes, replies, alloc));
            }
        } finally {
            original.release();
        }
    }

    private final class PartSink extends ChildSink {
        private final int index;

        PartSink(int index) {
            super(client);
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
    }
}
