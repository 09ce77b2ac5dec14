package io.dynoj.redis.datastore;

import com.google.auto.service.AutoService;
import io.dynoj.core.spi.ServerLauncher;
import java.util.List;

/** Starts a redis-server for a demo node: no RDB snapshots, no append-only file. */
@AutoService(ServerLauncher.class)
public final class RedisServerLauncher implements ServerLauncher {

    @Override
    public String type() {
        return RedisDatastoreProvider.TYPE;
    }

    @Override
    public List<String> command(String host, int port) {
        return List.of("redis-server", "--port", String.valueOf(port), "--bind", host,
                "--save", "", "--appendonly", "no");
    }
}
