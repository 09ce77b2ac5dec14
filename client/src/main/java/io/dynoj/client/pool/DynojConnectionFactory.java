package io.dynoj.client.pool;

import java.util.List;
import org.apache.commons.pool2.PooledObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Jedis's connection factory (connect, AUTH, TLS, HELLO as the {@link JedisClientConfig} says; PING to
 * validate idle connections), plus commands every new connection runs once before it is pooled: the
 * client's {@code DYNOJ CONSISTENCY READ|WRITE <level>}, which the node keeps for the connection's life.
 */
final class DynojConnectionFactory extends ConnectionFactory {

    private final HostAndPort node;
    private final List<String[]> setup;

    /** @param setup arguments of {@code DYNOJ} commands to run on each new connection, e.g. {@code CONSISTENCY READ DC_QUORUM} */
    DynojConnectionFactory(HostAndPort node, JedisClientConfig config, List<String[]> setup) {
        super(node, config);
        this.node = node;
        this.setup = List.copyOf(setup);
    }

    @Override
    public PooledObject<Connection> makeObject() throws Exception {
        PooledObject<Connection> pooled = super.makeObject();
        Connection c = pooled.getObject();
        try {
            for (String[] args : setup) {
                c.sendCommand(HostPools.DYNOJ, args);
                c.getStatusCodeReply();
            }
        } catch (RuntimeException e) {
            c.close();
            throw new JedisConnectionException("cannot set up a connection to " + node + " (DYNOJ "
                    + String.join(" ", setup.get(0)) + "...): " + e.getMessage(), e);
        }
        return pooled;
    }
}
