package io.dynoj.core.spi;

/**
 * A client connection subscribed to channels or patterns of the node's {@link PubSub}: told each message
 * published to one of them, wherever in the cluster it was published. Called on the publishing thread (a
 * client's or a peer connection's event loop): an implementation formats the message and hands it to its
 * connection ({@link ClientSession#push}); it must not block.
 */
public interface Subscriber {

    /** A message published to {@code channel}, which this subscriber subscribed to. Reads its arguments only. */
    void message(byte[] channel, byte[] message);

    /** A message published to {@code channel}, which matches {@code pattern}, one of this subscriber's patterns. */
    void patternMessage(byte[] pattern, byte[] channel, byte[] message);
}
