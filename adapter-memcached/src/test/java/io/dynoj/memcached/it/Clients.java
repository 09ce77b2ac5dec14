package io.dynoj.memcached.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.command.TextCommandFactory;
import net.rubyeye.xmemcached.utils.AddrUtil;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.FailureMode;
import net.spy.memcached.transcoders.SerializingTranscoder;

/** Real memcached clients, on the text protocol, pointed at a node. */
final class Clients {

    private Clients() {
    }

    /** spymemcached, with compression off so that values reach the server as given. */
    static net.spy.memcached.MemcachedClient spy(String address) {
        SerializingTranscoder transcoder = new SerializingTranscoder();
        transcoder.setCompressionThreshold(Integer.MAX_VALUE);
        try {
            return new net.spy.memcached.MemcachedClient(new ConnectionFactoryBuilder()
                    .setProtocol(ConnectionFactoryBuilder.Protocol.TEXT)
                    .setOpTimeout(10_000)
                    .setFailureMode(FailureMode.Retry)
                    .setTranscoder(transcoder)
                    .build(), net.spy.memcached.AddrUtil.getAddresses(List.of(address)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** xmemcached on the text protocol, one connection, compression off. */
    static MemcachedClient xmemcached(String address) {
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(AddrUtil.getAddresses(address));
        builder.setCommandFactory(new TextCommandFactory());
        builder.setConnectionPoolSize(1);
        builder.setOpTimeout(10_000);
        builder.setConnectTimeout(10_000);
        net.rubyeye.xmemcached.transcoders.SerializingTranscoder transcoder =
                new net.rubyeye.xmemcached.transcoders.SerializingTranscoder();
        transcoder.setCompressionThreshold(Integer.MAX_VALUE);
        builder.setTranscoder(transcoder);
        try {
            MemcachedClient client = builder.build();
            client.setEnableHeartBeat(false);
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void shutdown(MemcachedClient client) {
        try {
            client.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
