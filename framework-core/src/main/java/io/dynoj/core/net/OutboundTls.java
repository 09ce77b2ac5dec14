package io.dynoj.core.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;

/**
 * TLS for a connection the node opens (to a peer, to a datastore server): carried by the channel as an
 * attribute ({@link #KEY}, set by the bootstrap or by the channel factory), so that
 * {@link OutboundConnection}, where every outbound pipeline is built, puts the TLS handlers first without
 * its subclasses or the datastore SPI knowing. The connection counts as up only once the handshake is done.
 */
public interface OutboundTls {

    /** The attribute a channel to be encrypted carries. */
    AttributeKey<OutboundTls> KEY = AttributeKey.valueOf("dynoj.outboundTls");

    /** Adds the TLS handlers at the head of {@code channel}'s pipeline, for a connection to {@code remote}. */
    void addTo(Channel channel, InetSocketAddress remote);

    /** What a failed handshake says, without the wrappers' class names: the innermost message. */
    static String reason(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** {@code channels}, each channel made carrying {@code tls}. */
    static <C extends Channel> ChannelFactory<C> encrypting(ChannelFactory<C> channels, OutboundTls tls) {
        return () -> {
            C channel = channels.newChannel();
            channel.attr(KEY).set(tls);
            return channel;
        };
    }
}
