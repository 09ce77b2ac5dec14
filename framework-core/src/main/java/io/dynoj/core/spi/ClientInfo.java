package io.dynoj.core.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * What a node knows of one client connection, for commands that list or describe connections
 * (Redis's CLIENT LIST / CLIENT INFO): its id, addresses, socket, age, last activity, last
 * command and the name the client gave itself.
 *
 * <p>Threading: written by the connection's event loop only; read from any thread (a CLIENT LIST
 * on another connection). The last command and activity are written once per request with opaque
 * stores (atomic and eventually visible, without the fence of a volatile write on the request
 * path): a reader may see them a request or two old.
 */
public final class ClientInfo {


    private final long id;
    private final SocketAddress remote;
    private final SocketAddress local;
    private final int fd;
    private final long createdNanos;
    private long lastActiveNanos;
    private String lastCommand = "NULL";
    private volatile String name;
    private volatile String user = "default";

    private static final VarHandle LAST_ACTIVE;
    private static final VarHandle LAST_COMMAND;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LAST_ACTIVE = lookup.findVarHandle(ClientInfo.class, "lastActiveNanos", long.class);
            LAST_COMMAND = lookup.findVarHandle(ClientInfo.class, "lastCommand", String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A description for a session that is not a client connection (peer requests, tests): id 0, no addresses. */
    public static ClientInfo detached() {
        return new ClientInfo(0, null, null, -1);
    }

    /** A connection opened now. */
    public ClientInfo(long id, SocketAddress remote, SocketAddress local, int fd) {
        this.id = id;
        this.remote = remote;
        this.local = local;
        this.fd = fd;
        this.createdNanos = System.nanoTime();
        this.lastActiveNanos = createdNanos;
    }

    /** Unique among the node's client connections, from 1, never reused while the node runs. */
    public long id() {
        return id;
    }

    /** {@code ip:port} of the client ({@code [ip]:port} for IPv6), or "" when unknown. */
    public String remoteAddress() {
        return format(remote);
    }

    /** {@code ip:port} of the node's end of the connection, or "". */
    public String localAddress() {
        return format(local);
    }

    /** The socket's file descriptor, or -1 when the transport does not expose one. */
    public int fd() {
        return fd;
    }

    /** Seconds since the connection opened. */
    public long ageSeconds() {
        return (System.nanoTime() - createdNanos) / 1_000_000_000L;
    }

    /** Seconds since the connection last sent a request (since it opened, before the first). */
    public long idleSeconds() {
        return (System.nanoTime() - (long) LAST_ACTIVE.getOpaque(this)) / 1_000_000_000L;
    }

    /** The last command this connection sent (lower case), or "NULL" before the first. */
    public String lastCommand() {
        return (String) LAST_COMMAND.getOpaque(this);
    }

    /** The connection's name, or null when it has none. */
    public String name() {
        return name;
    }

    /** Sets the connection's name; null or empty removes it. The caller validates it. */
    public void name(String newName) {
        name = newName == null || newName.isEmpty() ? null : newName;
    }

    /** The user the connection is authenticated as (Redis's CLIENT LIST {@code user=}); "default" without auth. */
    public String user() {
        return user;
    }

    /** Sets the user the connection authenticated as. */
    public void user(String newUser) {
        user = newUser;
    }

    /** Records a request: its command, and the {@link System#nanoTime()} of the read that brought it. */
    public void requested(String command, long readNanos) {
        LAST_COMMAND.setOpaque(this, command);
        LAST_ACTIVE.setOpaque(this, readNanos);
    }

    private static String format(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet)) {
            return address == null ? "" : address.toString();
        }
        String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
    }
}
