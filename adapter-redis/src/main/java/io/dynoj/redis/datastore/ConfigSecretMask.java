package io.dynoj.redis.datastore;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.redis.protocol.RespArgs;
import io.dynoj.redis.protocol.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The sink of a CONFIG GET sent to the redis-server: its reply with the values of the server's passwords
 * ({@code requirepass}, {@code masterauth}) emptied, as Redis shows them when unset, so that a client of the node
 * never reads the password the node authenticates with. Any other reply passes untouched. Called once, from the
 * backend connection's loop.
 */
final class ConfigSecretMask implements ReplySink {

    static final Set<String> SECRETS = Set.of("requirepass", "masterauth");

    private final ReplySink client;

    ConfigSecretMask(ReplySink client) {
        this.client = client;
    }

    @Override
    public void reply(ByteBuf reply) {
        client.reply(masked(reply));
    }

    /** {@code reply} (a RESP2 array of name, value bulks) with the secrets' values emptied; takes ownership. */
    static ByteBuf masked(ByteBuf reply) {
        byte[][] pairs;
        try {
            pairs = RespArgs.parse(reply.duplicate());
        } catch (IllegalArgumentException notPairs) { // an error reply, or not a flat array of bulks
            return reply;
        }
        boolean changed = false;
        List<byte[]> out = new ArrayList<>(pairs.length);
        for (int i = 0; i < pairs.length; i++) {
            boolean secret = i % 2 == 1
                    && SECRETS.contains(new String(pairs[i - 1], StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT));
            changed |= secret && pairs[i].length > 0;
            out.add(secret ? new byte[0] : pairs[i]);
        }
        if (!changed) {
            return reply;
        }
        ByteBufAllocator alloc = reply.alloc();
        reply.release();
        return RespWriter.command(alloc, out);
    }

    @Override
    public void error(String message) {
        client.error(message);
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
