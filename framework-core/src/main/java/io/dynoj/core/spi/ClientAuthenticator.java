package io.dynoj.core.spi;

/**
 * A protocol's client authentication on one node ({@link ProtocolAdapter#authenticator}): the users it knows,
 * built once from the configuration when the client port opens. Each client connection gets its own
 * {@link AuthState}, which every request of that connection passes before the node answers or routes it.
 *
 * <p>Immutable and thread-safe: every connection's state shares it.
 */
public interface ClientAuthenticator {

    /** The state of a connection that just opened: not authenticated, unless the protocol lets it in as is. */
    AuthState newConnection();
}
