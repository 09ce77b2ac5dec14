package io.dynoj.memcached.datastore;

import com.google.auto.service.AutoService;
import io.dynoj.core.spi.ServerLauncher;
import java.util.List;

/** Starts a memcached for a demo node: TCP only ({@code -U 0}), memcached keeps nothing on disk anyway. */
@AutoService(ServerLauncher.class)
public final class MemcachedServerLauncher implements ServerLauncher {

    @Override
    public String type() {
        return MemcachedDatastoreProvider.TYPE;
    }

    @Override
    public List<String> command(String host, int port) {
        return List.of("memcached", "-p", String.valueOf(port), "-l", host, "-U", "0");
    }
}
