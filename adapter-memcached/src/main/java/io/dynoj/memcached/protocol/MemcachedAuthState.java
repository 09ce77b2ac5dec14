package io.dynoj.memcached.protocol;

import io.dynoj.core.auth.Passwords;
import io.dynoj.core.spi.AuthState;
import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * One memcached client connection's authentication, as memcached 1.6 with {@code -Y} answers it (checked
 * against memcached 1.6.18): until a {@code set} carries {@code user password} as its data, every command gets
 * {@code CLIENT_ERROR unauthenticated} ({@code quit} too); a data block without a space gets {@code CLIENT_ERROR
 * bad authentication token format}, an unknown user or wrong password {@code CLIENT_ERROR authentication
 * failure}; the connection stays open. The authenticating {@code set} stores nothing and answers {@code STORED}
 * (nothing with {@code noreply}). Protocol errors that close the connection keep their own error; Dynoj's other
 * refusals (flush_all disabled...) are only for authenticated clients. One per connection, on its event loop.
 */
final class MemcachedAuthState implements AuthState {

    private final MemcachedAuthenticator users;
    private boolean authenticated;

    MemcachedAuthState(MemcachedAuthenticator users) {
        this.users = users;
    }

    @Override
    public LocalAnswer check(Request request, ClientSession session) {
        if (authenticated) {
            return null;
        }
        MemcachedRequest r = (MemcachedRequest) request;
        if (r.refusal() != null && r.closeAfter()) {
            return null; // a protocol error: answered, and the connection closed, as memcached does
        }
        if (r.commandType() != MemcachedCommand.SET) {
            return error(session, "unauthenticated");
        }
        ByteBuf data = r.data();
        int space = data.indexOf(data.readerIndex(), data.writerIndex(), (byte) ' ');
        if (space < 0) {
            return error(session, "bad authentication token format");
        }
        String user = data.toString(data.readerIndex(), space - data.readerIndex(), StandardCharsets.UTF_8);
        byte[] given = ByteBufUtil.getBytes(data, space + 1, data.writerIndex() - space - 1);
        byte[] expected = users.password(user);
        // Compared even for an unknown user, so that the time does not tell which users exist.
        boolean match = Passwords.matches(given, expected != null ? expected : new byte[given.length])
                && expected != null;
        if (!match) {
            return error(session, "authentication failure");
        }
        authenticated = true;
        session.info().user(user);
        return LocalAnswer.of(r.noreply() ? Unpooled.EMPTY_BUFFER
                : MemcachedLocalCommands.line(session.alloc(), "STORED"));
    }

    private static LocalAnswer error(ClientSession session, String message) {
        return LocalAnswer.of(MemcachedLocalCommands.line(session.alloc(), "CLIENT_ERROR " + message));
    }
}
