package io.dynoj.redis.datastore;

import io.dynoj.core.spi.ChildSink;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.redis.protocol.FixedReplies;
import io.dynoj.redis.protocol.RedisRequest;
import io.dynoj.redis.protocol.RespReplies;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CONFIG SET the guard would refuse, answered {@code +OK} when it changes nothing: every value it
 * sets is the one the redis-server already has (asked with one CONFIG GET). Test harnesses and tools
 * set what they rely on ({@code save ""} before Redis's own list tests) whether or not it is already
 * so; a setting that would really change stays the operator's, and is refused with the guard's reason.
 * One per request; its answer is handled on the client's event loop.
 */
final class UnchangedConfigCheck extends ChildSink {

    private final Map<String, String> wanted;
    private final String refusal;

    private UnchangedConfigCheck(ReplySink client, Map<String, String> wanted, String refusal) {
        super(client);
        this.wanted = wanted;
        this.refusal = refusal;
    }

    /**
     * Answers {@code set} (released here) through {@code server}'s CONFIG GET: {@code +OK} when nothing
     * would change, else the error {@code refusal}.
     */
    static void answer(RedisRequest set, String refusal, Datastore server, ByteBufAllocator alloc, ReplySink client) {
        Map<String, String> wanted = new LinkedHashMap<>();
        List<byte[]> get = new ArrayList<>();
        get.add(bytes("CONFIG"));
        get.add(bytes("GET"));
        for (int i = 2; i + 1 < set.argc(); i += 2) {
            String name = set.argString(i).toLowerCase(Locale.ROOT);
            wanted.put(name, set.argString(i + 1));
            get.add(bytes(name));
        }
        boolean pairs = set.argc() > 2 && set.argc() % 2 == 0;
        set.release();
        if (!pairs) {
            client.error("wrong number of arguments for 'config|set' command");
            return;
        }
        server.execute(RedisRequest.of(get, alloc), new UnchangedConfigCheck(client, wanted, refusal));
    }

    @Override
    protected void onReply(ByteBuf reply) {
        List<byte[]> values;
        try {
            values = RespReplies.bulks(reply);
        } finally {
            reply.release();
        }
        Map<String, String> current = new HashMap<>();
        for (int i = 0; i + 1 < values.size(); i += 2) {
            current.put(string(values.get(i)).toLowerCase(Locale.ROOT), string(values.get(i + 1)));
        }
        if (current.entrySet().containsAll(wanted.entrySet())) {
            parent.reply(FixedReplies.ok());
        } else {
            parent.error(refusal);
        }
    }

    @Override
    protected void onError(String message) {
        parent.error(refusal);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
