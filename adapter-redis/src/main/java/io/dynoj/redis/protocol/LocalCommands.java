package io.dynoj.redis.protocol;

import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.Version;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Locale;

/**
 * The commands a proxy must answer itself because they concern the client's connection: PING, ECHO,
 * QUIT, SELECT 0, HELLO, AUTH, RESET, ACL WHOAMI, CLIENT ({@link ClientCommands}), enough of COMMAND for
 * redis-benchmark, redis-cli, Jedis and Lettuce to start, Dynoj's DYNOJ and Dynomite's
 * DYNO_CONFIG:CONN_CONSISTENCY. CONFIG and INFO go to the datastore, which knows its own settings
 * and figures. Stateless.
 */
final class LocalCommands {

    private LocalCommands() {
    }

    /** The node's answer, or {@code null} when the request goes to the datastore. */
    static LocalAnswer answer(RedisRequest r, ClientSession session) {
        ByteBufAllocator alloc = session.alloc();
        if (r.refusal() != null) {
            // An empty refusal closes without a word (Redis's client-query-buffer-limit).
            return new LocalAnswer(r.refusal().isEmpty() ? Unpooled.EMPTY_BUFFER : RespWriter.error(alloc, r.refusal()),
                    r.closeAfter());
        }
        if (r.line() != null) {
            String line = r.line();
            return LocalAnswer.of(line.charAt(0) == '+' ? RespWriter.simple(alloc, line.substring(1))
                    : RespWriter.errorLine(alloc, line.substring(1)));
        }
        LocalAnswer refused = PubSubCommands.inSubscribedMode(r, session);
        if (refused != null) {
            return refused;
        }
        if (r.spec().handling() != CommandSpec.Handling.LOCAL) {
            return null;
        }
        if (PubSubCommands.COMMANDS.contains(r.command())) {
            return PubSubCommands.answer(r, session);
        }
        return switch (r.command()) {
            case "ping" -> LocalAnswer.of(r.argc() == 1 ? FixedReplies.pong()
                    : r.argc() == 2 ? RespWriter.bulk(alloc, r.arg(1))
                    : wrongArity(alloc, r));
            case "echo" -> LocalAnswer.of(RespWriter.bulk(alloc, r.arg(1)));
            case "quit" -> LocalAnswer.thenClose(FixedReplies.ok());
            case "select" -> LocalAnswer.of(select(alloc, r.argString(1)));
            case "hello" -> LocalAnswer.of(hello(alloc, r, session.info().id()));
            case "auth" -> LocalAnswer.of(RespWriter.error(alloc, "AUTH <password> called without any password "
                    + "configured for the default user. Are you sure your configuration is correct?"));
            case "reset" -> {
                PubSubCommands.reset(session);
                yield LocalAnswer.of(RespWriter.simple(alloc, "RESET"));
            }
            case "acl" -> LocalAnswer.of(acl(alloc, r, session));
            case "command" -> LocalAnswer.of(command(alloc, r));
            case "client" -> LocalAnswer.of(ClientCommands.answer(r, session));
            case "dynoj" -> LocalAnswer.of(DynojCommands.answer(r, session));
            case DynoConfig.COMMAND -> LocalAnswer.of(DynoConfig.answer(r, session));
            default -> LocalAnswer.of(RespWriter.error(alloc, "'" + r.command() + "' is not supported by Dynoj"));
        };
    }

    /** ACL WHOAMI: the connection's user; the users are the node's acl_file's, not changed by clients. */
    private static ByteBuf acl(ByteBufAllocator alloc, RedisRequest r, ClientSession session) {
        String sub = r.argString(1).toLowerCase(Locale.ROOT);
        if (sub.equals("whoami") && r.argc() == 2) {
            return RespWriter.bulk(alloc, io.netty.buffer.Unpooled.wrappedBuffer(
                    session.info().user().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return RespWriter.error(alloc, "'acl|" + sub + "' is not supported by Dynoj: its users are the acl_file's");
    }

    private static ByteBuf wrongArity(ByteBufAllocator alloc, RedisRequest r) {
        return RespWriter.error(alloc, "wrong number of arguments for '" + r.command() + "' command");
    }

    /** Dynoj shards one keyspace: database 0 is the only one. */
    private static ByteBuf select(ByteBufAllocator alloc, String db) {
        try {
            return Long.parseLong(db) == 0 ? FixedReplies.ok()
                    : RespWriter.error(alloc, "DB index is out of range");
        } catch (NumberFormatException e) {
            return RespWriter.error(alloc, "value is not an integer or out of range");
        }
    }

    /** RESP2 only: HELLO 3 gets NOPROTO, which clients take as "use RESP2". */
    private static ByteBuf hello(ByteBufAllocator alloc, RedisRequest r, long clientId) {
        if (r.argc() > 1 && !"2".equals(r.argString(1))) {
            return RespWriter.errorWithCode(alloc, "NOPROTO", "unsupported protocol version");
        }
        return RespWriter.array(alloc, List.of(
                "server", "redis", "version", "7.0.15", "proto", 2L, "id", clientId, "mode", "standalone",
                "role", "master", "modules", List.of(), "proxy", "dynoj " + Version.get()));
    }

    private static ByteBuf command(ByteBufAllocator alloc, RedisRequest r) {
        if (r.argc() > 1 && "count".equals(r.argString(1).toLowerCase(Locale.ROOT))) {
            return RespWriter.integer(alloc, CommandTable.standard().size());
        }
        return RespWriter.array(alloc, List.of());
    }
}
