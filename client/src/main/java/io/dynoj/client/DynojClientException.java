package io.dynoj.client;

import redis.clients.jedis.exceptions.JedisException;

/**
 * What the Dynoj client itself refuses or cannot do: a local rack that is not in the cluster, no seed that
 * answers at start, a pipeline whose keys belong to different nodes. Node and connection failures stay
 * Jedis's own exceptions ({@code JedisConnectionException}, {@code JedisDataException}).
 */
public class DynojClientException extends JedisException {

    private static final long serialVersionUID = 1L;

    public DynojClientException(String message) {
        super(message);
    }

    public DynojClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
