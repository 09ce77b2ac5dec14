package io.dynoj.redis.datastore;

import io.dynoj.core.config.ConfigSection;
import io.dynoj.core.config.Secret;
import io.dynoj.redis.protocol.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the node proves to its own redis-server: the {@code redis:} section's {@code password} (or
 * {@code password_file}, {@code password_env}) and optional ACL {@code user}, sent as AUTH on every backend
 * connection before any request. Immutable; {@link #toString()} shows no password.
 */
record BackendCredentials(String user, Secret password) {

    /** The keys the {@code redis:} section may hold. */
    static final List<String> KEYS = List.of("user", "password", "password_file", "password_env");

    /** The credentials of {@code section}, or {@code null} when it names no password. */
    static BackendCredentials of(ConfigSection section) {
        section.requireKnownKeys(KEYS);
        Secret password = section.secret("password");
        String user = section.text("user");
        if (password == null) {
            if (user != null) {
                throw section.invalid("user", "needs a password (password, password_file or password_env)");
            }
            return null;
        }
        return new BackendCredentials(user, password);
    }

    /** {@code AUTH [user] password} as a RESP command. */
    ByteBuf authCommand(ByteBufAllocator alloc) {
        List<byte[]> args = new ArrayList<>();
        args.add("AUTH".getBytes(StandardCharsets.US_ASCII));
        if (user != null) {
            args.add(user.getBytes(StandardCharsets.UTF_8));
        }
        args.add(password.bytes());
        return RespWriter.command(alloc, args);
    }

    @Override
    public String toString() {
        return "BackendCredentials[user=" + (user == null ? "default" : user) + ", password=" + password + "]";
    }
}
