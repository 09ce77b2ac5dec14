package io.dynoj.core.spi;

/**
 * What one client connection has proved: whether it is authenticated, as whom, and so which requests it may
 * send. The one place a client request's permission is checked, before the node answers it
 * ({@link ProtocolAdapter#answerLocally}) or routes it; requests from peers never pass here (the entry node
 * checked them).
 *
 * <p>Stateful, one per connection, used on the connection's event loop only.
 */
public interface AuthState {

    /**
     * The node's answer to {@code request} on behalf of authentication, or {@code null} to serve it as usual:
     * a refusal (not authenticated, a forbidden command or key) or the answer to the protocol's own
     * authentication request (Redis {@code AUTH}), which may change this state. Called for every request, so
     * it must cost little once the connection is authenticated. Does not take ownership of {@code request}.
     */
    LocalAnswer check(Request request, ClientSession session);
}
