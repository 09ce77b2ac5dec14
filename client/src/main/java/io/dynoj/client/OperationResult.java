package io.dynoj.client;

import java.time.Duration;
import redis.clients.jedis.HostAndPort;

/**
 * What one operation did, when the application asks ({@link DynojClient#withResult}): its value, the node
 * that served it, how long it took (all tries) and how many tries it needed.
 *
 * @param value    what the command returned
 * @param node     the node that answered
 * @param latency  from the first try to the answer
 * @param attempts tries, 1 when the first node answered
 * @param <T>      the value's type
 */
public record OperationResult<T>(T value, HostAndPort node, Duration latency, int attempts) {

    /** What the last operation of a thread did, while {@link DynojClient#withResult} records it. */
    static final ThreadLocal<Recorder> RECORDER = new ThreadLocal<>();

    /** Filled by the executor on the application's thread. */
    static final class Recorder {
        HostAndPort node;
        long nanos;
        int attempts;

        void record(HostAndPort node, long nanos, int attempts) {
            this.node = node;
            this.nanos = nanos;
            this.attempts = attempts;
        }
    }
}
