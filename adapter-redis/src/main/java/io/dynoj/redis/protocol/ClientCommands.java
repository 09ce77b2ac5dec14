package io.dynoj.redis.protocol;

import io.dynoj.core.spi.ClientInfo;
import io.dynoj.core.spi.ClientSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CLIENT, answered by the node whatever the datastore: the client's connection is to the node (a
 * redis-server behind it would only list the node's own connections). ID, INFO, LIST (with TYPE
 * and ID), SETNAME/GETNAME, NO-EVICT and NO-TOUCH, SETINFO, with Redis 7.0's formats, checks and
 * texts; the other subcommands are refused. Stateless.
 */
final class ClientCommands {

    /** Redis 7.0's CLIENT subcommands (and 7.2's SETINFO, NO-TOUCH), with their arity. */
    private static final Map<String, Integer> ARITY = Map.ofEntries(
            Map.entry("id", 2), Map.entry("info", 2), Map.entry("list", -2), Map.entry("setname", 3),
            Map.entry("getname", 2), Map.entry("no-evict", 3), Map.entry("no-touch", 3), Map.entry("setinfo", 4),
            Map.entry("kill", -3), Map.entry("pause", -3), Map.entry("unpause", 2), Map.entry("reply", 3),
            Map.entry("tracking", -3), Map.entry("caching", 3), Map.entry("getredir", 2),
            Map.entry("trackinginfo", 2), Map.entry("unblock", -3), Map.entry("help", 2));

    private static final Set<String> CLIENT_TYPES = Set.of("normal", "master", "replica", "slave", "pubsub");

    private ClientCommands() {
    }

    static ByteBuf answer(RedisRequest r, ClientSession session) {
        ByteBufAllocator alloc = session.alloc();
        String sub = r.argString(1).toLowerCase(Locale.ROOT);
        Integer arity = ARITY.get(sub);
        if (arity == null) {
            return RespWriter.error(alloc, "unknown subcommand '" + r.argString(1) + "'. Try CLIENT HELP.");
        }
        if (arity >= 0 ? r.argc() != arity : r.argc() < -arity) {
            return RespWriter.error(alloc, "wrong number of arguments for 'client|" + sub + "' command");
        }
        return switch (sub) {
            case "id" -> RespWriter.integer(alloc, session.info().id());
            case "info" -> text(alloc, describe(session.info(), r, true) + "\n");
            case "list" -> list(r, session);
            case "setname" -> setName(r, session);
            case "getname" -> session.info().name() == null ? RespWriter.nullBulk(alloc)
                    : text(alloc, session.info().name());
            case "no-evict", "no-touch" -> onOff(alloc, r.argString(2));
            case "setinfo" -> RespWriter.simple(alloc, "OK");
            default -> RespWriter.error(alloc, "CLIENT " + sub.toUpperCase(Locale.ROOT) + " is not supported by Dynoj");
        };
    }

    private static ByteBuf list(RedisRequest r, ClientSession session) {
        ByteBufAllocator alloc = session.alloc();
        List<ClientInfo> clients = session.clients();
        if (r.argc() == 4 && "type".equalsIgnoreCase(r.argString(2))) {
            String type = r.argString(3).toLowerCase(Locale.ROOT);
            if (!CLIENT_TYPES.contains(type)) {
                return RespWriter.error(alloc, "Unknown client type '" + r.argString(3) + "'");
            }
            // Every client of the node is a normal one: no replicas, no subscribers.
            clients = "normal".equals(type) ? clients : List.of();
        } else if (r.argc() > 3 && "id".equalsIgnoreCase(r.argString(2))) {
            List<Long> ids = new java.util.ArrayList<>();
            for (int i = 3; i < r.argc(); i++) {
                try {
                    ids.add(Long.parseLong(r.argString(i)));
                } catch (NumberFormatException e) {
                    return RespWriter.error(alloc, "Invalid client ID");
                }
            }
            clients = clients.stream().filter(c -> ids.contains(c.id())).toList();
        } else if (r.argc() != 2) {
            return RespWriter.error(alloc, "syntax error");
        }
        StringBuilder out = new StringBuilder();
        for (ClientInfo c : clients) {
            out.append(describe(c, r, c.id() == session.info().id())).append('\n');
        }
        return text(alloc, out.toString());
    }

    /** Redis 7.0's client line; the asking client's own line shows this request, as Redis's does. */
    private static String describe(ClientInfo c, RedisRequest r, boolean self) {
        String cmd = self ? "client|" + r.argString(1).toLowerCase(Locale.ROOT) : c.lastCommand();
        int queryBuffer = self ? r.frame().readableBytes() : 0;
        long argvMem = 0;
        for (int i = 0; self && i < r.argc(); i++) {
            argvMem += r.arg(i).readableBytes();
        }
        return "id=" + c.id() + " addr=" + c.remoteAddress() + " laddr=" + c.localAddress() + " fd=" + c.fd()
                + " name=" + (c.name() == null ? "" : c.name()) + " age=" + c.ageSeconds() + " idle=" + (self ? 0 : c.idleSeconds())
                + " flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=" + queryBuffer + " qbuf-free=0 argv-mem=" + argvMem
                + " multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r cmd=" + cmd
                + " user=" + c.user() + " redir=-1 resp=2";
    }

    /** Redis's rule: no spaces, newlines or other characters outside {@code !..~}; empty clears the name. */
    private static ByteBuf setName(RedisRequest r, ClientSession session) {
        ByteBuf name = r.arg(2);
        for (int i = name.readerIndex(); i < name.writerIndex(); i++) {
            byte b = name.getByte(i);
            if (b < '!' || b > '~') {
                return RespWriter.error(session.alloc(), "Client names cannot contain spaces, newlines or special characters.");
            }
        }
        session.info().name(name.toString(StandardCharsets.US_ASCII));
        return RespWriter.simple(session.alloc(), "OK");
    }

    private static ByteBuf onOff(ByteBufAllocator alloc, String value) {
        return "on".equalsIgnoreCase(value) || "off".equalsIgnoreCase(value) ? RespWriter.simple(alloc, "OK")
                : RespWriter.error(alloc, "syntax error");
    }

    private static ByteBuf text(ByteBufAllocator alloc, String text) {
        return RespWriter.bulk(alloc, Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }
}
