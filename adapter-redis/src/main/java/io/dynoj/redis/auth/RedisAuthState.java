package io.dynoj.redis.auth;

import io.dynoj.core.spi.AuthState;
import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.Request;
import io.dynoj.redis.protocol.RedisRequest;
import io.dynoj.redis.protocol.RespArgs;
import io.dynoj.redis.protocol.RespWriter;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One Redis client connection's authentication, as Redis's {@code processCommand} checks it: requests the node
 * refuses anyway (unknown command, wrong arity, protocol error) keep their own error; before authentication
 * only AUTH, HELLO, QUIT, RESET and PING pass (others get {@code -NOAUTH}); then the user's commands
 * (subcommands as {@code container|sub}) and key patterns decide ({@code -NOPERM}). The texts are Redis
 * 7.0.15's, checked against it (7.2 names the user in NOPERM; clients read only the code).
 * AUTH and {@code HELLO 2 AUTH user pass} are answered or checked here. One per connection, on its event loop.
 */
final class RedisAuthState implements AuthState {

    private static final String HELLO_NOAUTH = "HELLO must be called with the client already authenticated, "
            + "otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and "
            + "select the RESP protocol version at the same time";

    private final RedisAuthenticator users;
    /** Who the connection is authenticated as; {@code null} before it is. */
    private AclUser user;

    RedisAuthState(RedisAuthenticator users) {
        this.users = users;
        this.user = users.initialUser();
    }

    @Override
    public LocalAnswer check(Request request, ClientSession session) {
        RedisRequest r = (RedisRequest) request;
        if (user != null && user.unrestricted() && !r.command().equals("auth") && !r.command().equals("hello")
                && !r.command().equals("reset")) {
            return null; // the fast path of every request of a connection that may do anything
        }
        ByteBufAllocator alloc = session.alloc();
        if (r.refusal() != null || r.spec() == null) {
            // Unknown commands, arity and protocol errors come first, as in Redis; Dynoj's own refusals after.
            return user != null || r.refusedBeforeAuth() ? null
                    : LocalAnswer.of(RespWriter.errorWithCode(alloc, "NOAUTH", "Authentication required."));
        }
        switch (r.command()) {
            case "auth":
                return auth(r, session);
            case "hello":
                return hello(r, session);
            case "reset":
                authenticate(users.initialUser(), session);
                return null; // answered RESET by the node's own commands
            case "quit":
                return null;
            default:
                break;
        }
        if (user == null) {
            // PING too, unlike Redis 7: load balancers' health checks send it without credentials.
            return r.command().equals("ping") ? null
                    : LocalAnswer.of(RespWriter.errorWithCode(alloc, "NOAUTH", "Authentication required."));
        }
        String name = permissionName(r);
        if (!user.mayRun(name)) {
            return LocalAnswer.of(RespWriter.errorWithCode(alloc, "NOPERM",
                    "this user has no permissions to run the '" + name + "' command"));
        }
        String queued = r.parts() == null ? null : forbiddenQueued(r);
        if (queued != null) { // a MULTI ... EXEC: each command it queued, as Redis checks them one by one
            return LocalAnswer.of(RespWriter.errorWithCode(alloc, "NOPERM",
                    "this user has no permissions to run the '" + queued + "' command"));
        }
        for (int i = 0; i < r.keyCount(); i++) {
            if (!user.mayAccess(r.key(i))) {
                return LocalAnswer.of(RespWriter.errorWithCode(alloc, "NOPERM",
                        "this user has no permissions to access one of the keys used as arguments"));
            }
        }
        return null;
    }

    /** {@code AUTH password} (the default user) or {@code AUTH user password}. */
    private LocalAnswer auth(RedisRequest r, ClientSession session) {
        ByteBufAllocator alloc = session.alloc();
        if (r.argc() > 3) {
            return LocalAnswer.of(RespWriter.error(alloc, "syntax error"));
        }
        String name = r.argc() == 3 ? r.argString(1) : RedisAuthenticator.DEFAULT_USER;
        AclUser candidate = users.user(name);
        if (r.argc() == 2 && candidate.nopass() && candidate.enabled()) {
            return LocalAnswer.of(RespWriter.error(alloc, "AUTH <password> called without any password configured "
                    + "for the default user. Are you sure your configuration is correct?"));
        }
        byte[] password = bytes(r, r.argc() - 1);
        if (!login(candidate, password, session)) {
            return LocalAnswer.of(wrongPass(alloc));
        }
        return LocalAnswer.of(RespWriter.simple(alloc, "OK"));
    }

    /** HELLO's options are checked here; a valid HELLO then gets the node's usual answer. */
    private LocalAnswer hello(RedisRequest r, ClientSession session) {
        ByteBufAllocator alloc = session.alloc();
        if (r.argc() >= 2 && !"2".equals(r.argString(1))) {
            return null; // the node's answer: NOPROTO (RESP2 only), which clients take as "use RESP2 and AUTH"
        }
        AclUser candidate = null;
        byte[] password = null;
        for (int j = 2; j < r.argc(); j++) {
            String option = r.argString(j);
            int more = r.argc() - 1 - j;
            if (option.equalsIgnoreCase("auth") && more >= 2) {
                candidate = users.user(r.argString(j + 1));
                password = bytes(r, j + 2);
                j += 2;
            } else if (option.equalsIgnoreCase("setname") && more >= 1) {
                j++;
            } else {
                return LocalAnswer.of(RespWriter.error(alloc, "Syntax error in HELLO option '" + option + "'"));
            }
        }
        if (password != null && !login(candidate, password, session)) {
            return LocalAnswer.of(wrongPass(alloc));
        }
        return user == null ? LocalAnswer.of(RespWriter.errorWithCode(alloc, "NOAUTH", HELLO_NOAUTH)) : null;
    }

    /** Authenticates as {@code candidate} (null: no such user) if {@code password} is its; else nothing changes. */
    private boolean login(AclUser candidate, byte[] password, ClientSession session) {
        if (candidate == null || !candidate.accepts(password)) {
            return false;
        }
        authenticate(candidate, session);
        return true;
    }

    private void authenticate(AclUser who, ClientSession session) {
        user = who;
        session.info().user(who == null ? RedisAuthenticator.DEFAULT_USER : who.name());
    }

    /** The first command of a transaction unit the user may not run (as {@code config|get}), or null. */
    private String forbiddenQueued(RedisRequest unit) {
        int[] bounds = unit.parts().bounds();
        int start = unit.frame().readerIndex();
        for (int i = 0; i < bounds.length; i += 2) {
            byte[][] args = RespArgs.parse(unit.frame().slice(start + bounds[i], bounds[i + 1]));
            String name = new String(args[0], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            if (args.length > 1 && AclCategories.standard().hasSubcommands(name)) {
                name += "|" + new String(args[1], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            }
            if (!user.mayRun(name)) {
                return name;
            }
        }
        return null;
    }

    /** The command's name as ACL rules know it: {@code config|get} for a subcommand. */
    private String permissionName(RedisRequest r) {
        String command = r.command();
        if (r.argc() < 2 || r.parts() != null || !AclCategories.standard().hasSubcommands(command)) {
            return command;
        }
        String sub = r.hasArgs() ? r.argString(1)
                : new String(RespArgs.parse(r.frame().duplicate())[1], StandardCharsets.UTF_8);
        return command + "|" + sub.toLowerCase(Locale.ROOT);
    }

    private static byte[] bytes(RedisRequest r, int index) {
        return io.netty.buffer.ByteBufUtil.getBytes(r.arg(index));
    }

    private static io.netty.buffer.ByteBuf wrongPass(ByteBufAllocator alloc) {
        return RespWriter.errorWithCode(alloc, "WRONGPASS", "invalid username-password pair or user is disabled.");
    }
}
