package io.dynoj.redis.datastore;

import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.redis.engine.ConfigValues;
import io.dynoj.redis.protocol.RedisRequest;
import io.netty.buffer.ByteBufAllocator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Lets clients read a redis-server's settings (CONFIG GET goes to it: it knows them better than the
 * node) but not change them: the redis-server behind a node belongs to its operator, and a client
 * of the cluster reaches only one of its servers. CONFIG SET of Redis's memory-encoding thresholds
 * is let through (the Redis test suite tunes them; they never change a reply); any other CONFIG
 * SET is answered {@code +OK} if it changes nothing ({@link UnchangedConfigCheck}) and refused
 * otherwise, as are CONFIG REWRITE and CONFIG RESETSTAT. CONFIG GET answers show no password
 * ({@link ConfigSecretMask}). Everything else passes untouched.
 * Thread-safe; adds nothing to other requests but a string comparison.
 */
final class ServerConfigGuard implements Datastore {

    private static final Set<String> TUNABLE = ConfigValues.tunableNames();

    private final Datastore server;
    private final io.dynoj.core.spi.RangeStore ranges;

    ServerConfigGuard(Datastore server) {
        this(server, null);
    }

    /** @param ranges the server's keys as a range store (repair, warm-up), or null */
    ServerConfigGuard(Datastore server, io.dynoj.core.spi.RangeStore ranges) {
        this.server = server;
        this.ranges = ranges;
    }

    @Override
    public io.dynoj.core.spi.RangeStore rangeStore() {
        return ranges;
    }

    @Override
    public CompletableFuture<Void> start() {
        return server.start();
    }

    @Override
    public void execute(Request request, ReplySink sink) {
        String refusal = "config".equals(request.command()) ? refusal((RedisRequest) request) : null;
        if (refusal != null && isSet((RedisRequest) request)) {
            UnchangedConfigCheck.answer((RedisRequest) request, refusal, server, ByteBufAllocator.DEFAULT, sink);
            return;
        }
        if (refusal != null) {
            request.release();
            sink.error(refusal);
            return;
        }
        boolean get = "config".equals(request.command()) && ((RedisRequest) request).argc() > 1
                && "get".equalsIgnoreCase(((RedisRequest) request).argString(1));
        server.execute(request, get ? new ConfigSecretMask(sink) : sink);
    }

    private static boolean isSet(RedisRequest config) {
        return config.argc() > 1 && "set".equalsIgnoreCase(config.argString(1));
    }

    /** Why this CONFIG request may not reach the redis-server, or null. */
    static String refusal(RedisRequest config) {
        String sub = config.argString(1).toLowerCase(Locale.ROOT);
        switch (sub) {
            case "set":
                for (int i = 2; i < config.argc(); i += 2) {
                    String name = config.argString(i).toLowerCase(Locale.ROOT);
                    if (!TUNABLE.contains(name)) {
                        return "CONFIG SET of '" + name + "' is not supported by Dynoj: the redis-server's settings "
                                + "belong to its operator";
                    }
                }
                return null;
            case "rewrite", "resetstat":
                return "CONFIG " + sub.toUpperCase(Locale.ROOT) + " is not supported by Dynoj: the redis-server's "
                        + "settings belong to its operator";
            default:
                return null;
        }
    }

    @Override
    public boolean acceptsWrites() {
        return server.acceptsWrites();
    }

    @Override
    public void close() {
        server.close();
    }
}
