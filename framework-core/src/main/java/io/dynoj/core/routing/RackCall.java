package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.peer.PeerMessage;
import io.dynoj.core.spi.ChildSink;
import io.dynoj.core.spi.RackQuery;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.topology.ClusterNode;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Runs a {@link RackQuery} over the nodes of the local rack: each node answers from its own datastore
 * ({@link PeerMessage#MODE_LOCAL}). A node that cannot answer fails the whole request with an error naming
 * it: a partial DBSIZE or KEYS would look like a true answer; a walk whose query can do without the node
 * ({@link RackQuery#unanswered}: RANDOMKEY) goes on to the node it names. State changes run on the client's event loop
 * (node answers arrive there through {@link ChildSink}).
 */
final class RackCall {

    private final RackQuery query;
    private final List<ClusterNode> nodes;
    private final Replicator replicator;
    private final ReplySink client;
    private boolean walk;
    private int pending;
    private String error;

    private RackCall(RackQuery query, List<ClusterNode> nodes, Replicator replicator, ReplySink client) {
        this.query = query;
        this.nodes = nodes;
        this.replicator = replicator;
        this.client = client;
    }

    /** Starts {@code query} over {@code nodes} (the local rack's, in token order); the query is closed at the end. */
    static void run(RackQuery query, List<ClusterNode> nodes, Replicator replicator, ReplySink client) {
        int first;
        try {
            first = query.start(nodes.size());
        } catch (IllegalArgumentException e) {
            query.close();
            client.error(e.getMessage());
            return;
        }
        RackCall call = new RackCall(query, nodes, replicator, client);
        if (first == RackQuery.ALL) {
            call.pending = nodes.size();
            for (int i = 0; i < nodes.size(); i++) {
                call.send(i);
            }
        } else {
            call.walk = true;
            call.pending = 1;
            call.send(first);
        }
    }

    private void send(int node) {
        replicator.send(nodes.get(node), query.request(node), PeerMessage.MODE_LOCAL, ConsistencyLevel.DC_ONE, -1,
                new NodeSink(node), null);
    }

    private void onReply(int node, ByteBuf reply) {
        int next = query.reply(node, reply);
        if (walk && error == null && next != RackQuery.DONE) {
            send(next);
        } else if (--pending == 0 || walk) {
            finish();
        }
    }

    private void onError(int node, String message) {
        int next = walk && error == null ? query.unanswered(node) : RackQuery.FAIL;
        if (next >= 0) {
            send(next);
            return;
        }
        if (next == RackQuery.DONE) {
            finish();
            return;
        }
        if (error == null) {
            error = "node " + nodes.get(node).name() + " could not answer: " + message;
        }
        if (--pending == 0 || walk) {
            finish();
        }
    }

    private void finish() {
        try {
            if (error != null) {
                client.error(error);
            } else {
                client.reply(query.answer(replicator.alloc));
            }
        } finally {
            query.close();
        }
    }

    private final class NodeSink extends ChildSink {
        private final int node;

        NodeSink(int node) {
            super(client);
            this.node = node;
        }

        @Override
        protected void onReply(ByteBuf reply) {
            RackCall.this.onReply(node, reply);
        }

        @Override
        protected void onError(String message) {
            RackCall.this.onError(node, message);
        }
    }
}
