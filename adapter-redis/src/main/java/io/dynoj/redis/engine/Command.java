package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;

/**
 * One Redis command of the engine. Runs with the locks of the request's keys held (the keys the
 * command table names), so it reads and writes them atomically; returns the reply or throws
 * {@link RedisError}.
 */
@FunctionalInterface
public interface Command {

    ByteBuf run(Call call);
}
