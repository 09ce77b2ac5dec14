package io.dynoj.redis.protocol;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.spi.ClientSession;
import io.netty.buffer.ByteBuf;

/**
 * Dynomite's pseudo-command {@code DYNO_CONFIG:CONN_CONSISTENCY <level>}, which Netflix Dyno sends
 * when an application sets a connection consistency: it sets both the read and the write
 * consistency of this connection (as {@code DYNOJ CONSISTENCY READ|WRITE} do one each) and answers
 * {@code +OK}, as Dynomite does; the node never forwards it. Levels are Dynomite's names, any case.
 * Where Dynomite closes the connection on an unknown level, Dynoj answers an error and keeps it.
 */
final class DynoConfig {

    /** The command's name as the command table knows it (lower case). */
    static final String COMMAND = "dyno_config:conn_consistency";

    private DynoConfig() {
    }

    static ByteBuf answer(RedisRequest r, ClientSession session) {
        ConsistencyLevel level;
        try {
            level = ConsistencyLevel.parse(r.argString(1));
        } catch (IllegalArgumentException e) {
            return RespWriter.error(session.alloc(), e.getMessage());
        }
        session.readConsistency(level);
        session.writeConsistency(level);
        return RespWriter.simple(session.alloc(), "OK");
    }
}
