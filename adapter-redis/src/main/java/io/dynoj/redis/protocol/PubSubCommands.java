package io.dynoj.redis.protocol;

import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.PubSub;
import io.dynoj.redis.engine.Glob;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Redis's publish/subscribe commands, answered by the node: SUBSCRIBE, PSUBSCRIBE, UNSUBSCRIBE, PUNSUBSCRIBE
 * and PUBLISH over the node's hub ({@link ClientSession#pubSub()}), which delivers a message published through
 * any node to the subscribers of every node; PUBSUB CHANNELS/NUMSUB/NUMPAT about this node's subscribers; and
 * the subscribed mode (RESP2), where a connection may only (un)subscribe, PING, QUIT and RESET. Stateless: a
 * connection's subscriptions are its {@link RedisSubscriber}. On the connection's event loop.
 */
final class PubSubCommands {

    static final Set<String> COMMANDS = Set.of("subscribe", "unsubscribe", "psubscribe", "punsubscribe", "publish",
            "pubsub");

    /** What a connection in subscribed mode may still send (Redis 7.0, RESP2). */
    private static final Set<String> ALLOWED_WHEN_SUBSCRIBED = Set.of("subscribe", "unsubscribe", "psubscribe",
            "punsubscribe", "ssubscribe", "sunsubscribe", "ping", "quit", "reset");

    /** Commands Redis names with their subcommand in errors ({@code 'client|list'}). */
    private static final Set<String> CONTAINERS = Set.of("acl", "client", "cluster", "command", "config", "function",
            "latency", "memory", "module", "object", "pubsub", "script", "slowlog", "xgroup", "xinfo");

    private PubSubCommands() {
    }

    /**
     * The answer of a connection in subscribed mode to {@code r}, a command it may not send there, or to
     * PING; {@code null} when the connection is not subscribed or may send it.
     */
    static LocalAnswer inSubscribedMode(RedisRequest r, ClientSession session) {
        if (!RedisSubscriber.subscribed(session)) {
            return null;
        }
        ByteBufAllocator alloc = session.alloc();
        if (r.command().equals("ping") && r.argc() <= 2) {
            return LocalAnswer.of(RespWriter.array(alloc, List.of("pong", r.argc() == 2 ? bytes(r, 1) : new byte[0])));
        }
        if (ALLOWED_WHEN_SUBSCRIBED.contains(r.command())) {
            return null;
        }
        String name = CONTAINERS.contains(r.command()) && r.argc() > 1
                ? r.command() + "|" + r.argString(1).toLowerCase(Locale.ROOT) : r.command();
        return LocalAnswer.of(RespWriter.error(alloc, "Can't execute '" + name + "': only (P|S)SUBSCRIBE / "
                + "(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"));
    }

    /** The answer to one of {@link #COMMANDS}. */
    static LocalAnswer answer(RedisRequest r, ClientSession session) {
        ByteBufAllocator alloc = session.alloc();
        PubSub hub = session.pubSub();
        if (hub == null) {
            return LocalAnswer.of(RespWriter.error(alloc, "'" + r.command() + "' needs a client connection"));
        }
        return switch (r.command()) {
            case "subscribe" -> LocalAnswer.of(subscribe(r, session, hub, false));
            case "psubscribe" -> LocalAnswer.of(subscribe(r, session, hub, true));
            case "unsubscribe" -> LocalAnswer.of(unsubscribe(r, session, hub, false));
            case "punsubscribe" -> LocalAnswer.of(unsubscribe(r, session, hub, true));
            case "publish" -> LocalAnswer.later(hub.publish(bytes(r, 1), bytes(r, 2))
                    .thenApply(count -> RespWriter.integer(alloc, count)));
            default -> LocalAnswer.of(PubSubQueries.answer(r, alloc, hub));
        };
    }

    /** RESET leaves subscribed mode: every subscription of the connection ends, without confirmations. */
    static void reset(ClientSession session) {
        if (session.subscriber() instanceof RedisSubscriber s && session.pubSub() != null) {
            session.pubSub().unsubscribeAll(s);
            s.channels().forEach(s::removeChannel);
            s.patterns().forEach(s::removePattern);
        }
    }

    private static ByteBuf subscribe(RedisRequest r, ClientSession session, PubSub hub, boolean pattern) {
        RedisSubscriber s = RedisSubscriber.of(session);
        ByteBuf out = s.buffer();
        String kind = pattern ? "psubscribe" : "subscribe";
        for (int i = 1; i < r.argc(); i++) {
            byte[] name = bytes(r, i);
            if (pattern && s.addPattern(name)) {
                hub.subscribePattern(name, Glob.of(name)::matches, s);
            } else if (!pattern && s.addChannel(name)) {
                hub.subscribe(name, s);
            }
            confirm(out, kind, name, s.count());
        }
        return out;
    }

    private static ByteBuf unsubscribe(RedisRequest r, ClientSession session, PubSub hub, boolean pattern) {
        RedisSubscriber s = RedisSubscriber.of(session);
        ByteBuf out = s.buffer();
        String kind = pattern ? "punsubscribe" : "unsubscribe";
        List<byte[]> names = new ArrayList<>();
        for (int i = 1; i < r.argc(); i++) {
            names.add(bytes(r, i));
        }
        if (names.isEmpty()) {
            names = pattern ? s.patterns() : s.channels();
            if (names.isEmpty()) {
                confirm(out, kind, null, s.count());
                return out;
            }
        }
        for (byte[] name : names) {
            if (pattern && s.removePattern(name)) {
                hub.unsubscribePattern(name, s);
            } else if (!pattern && s.removeChannel(name)) {
                hub.unsubscribe(name, s);
            }
            confirm(out, kind, name, s.count());
        }
        return out;
    }

    /** {@code *3 kind name count}: a (un)subscribe confirmation; a null name for "nothing to unsubscribe". */
    private static void confirm(ByteBuf out, String kind, byte[] name, int count) {
        ByteBuf one = RespWriter.array(out.alloc(), Arrays.asList(kind, name, (long) count));
        out.writeBytes(one);
        one.release();
    }

    static byte[] bytes(RedisRequest r, int index) {
        return ByteBufUtil.getBytes(r.arg(index));
    }
}
