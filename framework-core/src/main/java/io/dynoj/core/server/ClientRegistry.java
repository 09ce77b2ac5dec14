package io.dynoj.core.server;

import io.dynoj.core.spi.ClientInfo;
import io.netty.channel.Channel;
import io.netty.channel.unix.UnixChannel;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The node's open client connections, by id, for commands that list them (CLIENT LIST). A
 * connection adds itself when it becomes active and removes itself when it closes. Thread-safe:
 * connections on every event loop add and remove, any of them lists.
 */
final class ClientRegistry {

    private final ConcurrentSkipListMap<Long, ClientInfo> open = new ConcurrentSkipListMap<>();

    /** Registers the connection {@code channel}, just active, and returns its description. */
    ClientInfo opened(long id, Channel channel) {
        int fd = channel instanceof UnixChannel unix ? unix.fd().intValue() : -1;
        ClientInfo client = new ClientInfo(id, channel.remoteAddress(), channel.localAddress(), fd);
        open.put(id, client);
        return client;
    }

    void closed(ClientInfo client) {
        open.remove(client.id(), client);
    }

    /** The connections open now, by id. */
    List<ClientInfo> snapshot() {
        return List.copyOf(open.values());
    }
}
