package io.dynoj.redis.datastore;

import io.dynoj.core.spi.ChildSink;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.redis.protocol.FixedReplies;
import io.dynoj.redis.protocol.RedisRequest;
import io.dynoj.redis.protocol.TransactionUnit;
import io.dynoj.redis.protocol.WatchedKeys;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/**
 * WATCH in front of a redis-server ({@link WatchedKeys}): counts every write before it leaves for the
 * server, registers a watch ({@code DYNOJ WATCH}, answered here: the server's connections are shared and
 * must never WATCH), and runs a transaction unit only when what it watches is unchanged, sending the server
 * its {@code MULTI ... EXEC} without the check; a unit whose watched keys were written is answered a null
 * array, as Redis answers the EXEC. A write counts as in flight until the server answered it. Thread-safe;
 * other requests pay a kind check and, for writes, two counts per key and a sink.
 */
final class WatchingDatastore implements Datastore {

    private final Datastore server;
    private final WatchedKeys watches = new WatchedKeys();

    WatchingDatastore(Datastore server) {
        this.server = server;
    }

    @Override
    public CompletableFuture<Void> start() {
        return server.start();
    }

    @Override
    public void execute(Request request, ReplySink sink) {
        RedisRequest r = (RedisRequest) request;
        if (r.spec() == TransactionUnit.WATCH) {
            watches.watch(r);
            r.release();
            sink.reply(FixedReplies.ok());
            return;
        }
        if (r.parts() == null) {
            int[] stripes = watches.sending(r);
            server.execute(r, stripes == null ? sink : new Written(sink, stripes));
            return;
        }
        if (!watches.unchanged(r)) {
            r.release();
            sink.reply(FixedReplies.nullArray());
            return;
        }
        // Null for a unit of reads only (kind READ): it moves no version, so nothing waits for its answer.
        int[] stripes = watches.sending(r);
        RedisRequest plain = TransactionUnit.withoutWatch(r);
        r.release();
        server.execute(plain, stripes == null ? sink : new Written(sink, stripes));
    }

    /** A write's sink: the write is no longer in flight once answered. */
    private final class Written extends ChildSink {
        private final int[] stripes;

        Written(ReplySink parent, int[] stripes) {
            super(parent);
            this.stripes = stripes;
        }

        @Override
        protected void onReply(ByteBuf reply) {
            watches.done(stripes);
            parent.reply(reply);
        }

        @Override
        protected void onError(String message) {
            watches.done(stripes);
            parent.error(message);
        }
    }

    @Override
    public boolean acceptsWrites() {
        return server.acceptsWrites();
    }

    @Override
    public io.dynoj.core.spi.RangeStore rangeStore() {
        return server.rangeStore();
    }

    @Override
    public void close() {
        server.close();
    }
}
