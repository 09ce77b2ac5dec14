package io.dynoj.client;

import io.dynoj.client.pool.HostPools;
import io.dynoj.client.routing.CommandClassifier;
import io.dynoj.client.routing.HealthTracker;
import io.dynoj.client.routing.LoadBalancer;
import io.dynoj.client.routing.Operation;
import io.dynoj.client.routing.RetryPolicy;
import io.dynoj.client.topology.ClusterView;
import io.dynoj.client.topology.Host;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.executors.CommandExecutor;

/**
 * Runs each Jedis command on the node that serves it: classifies it ({@link CommandClassifier}), asks the
 * {@link LoadBalancer} for its nodes, orders them by health and state, and tries them as the
 * {@link RetryPolicy} allows. A connection error, or a node refusing because of its state or an unreachable
 * datastore, moves on to the next node; an error about the command itself goes to the application at once.
 *
 * <p>Thread-safe: every call reads the current {@link ClusterView} once and keeps its state on the stack.
 */
final class DynojCommandExecutor implements CommandExecutor {

    private final Supplier<ClusterView> views;
    private final HostPools pools;
    private final LoadBalancer balancer;
    private final RetryPolicy retry;
    private final HealthTracker health;
    private final ClientMetrics metrics;
    private final CallConsistency clientLevels;
    private final CommandClassifier classifier = new CommandClassifier();

    DynojCommandExecutor(Supplier<ClusterView> views, HostPools pools, LoadBalancer balancer, RetryPolicy retry,
                         HealthTracker health, ClientMetrics metrics, CallConsistency clientLevels) {
        this.views = views;
        this.pools = pools;
        this.balancer = balancer;
        this.retry = retry;
        this.health = health;
        this.metrics = metrics;
        this.clientLevels = clientLevels;
    }

    @Override
    public <T> T executeCommand(CommandObject<T> command) {
        ClusterView view = views.get();
        Operation op = classifier.classify(view, command.getArguments());
        CallConsistency call = CallConsistency.CURRENT.get();
        return execute(op, balancer.candidates(view, op), call == null ? c -> c.executeCommand(command)
                : c -> call.execute(c, command, clientLevels));
    }

    /** The snapshot commands route on now. */
    ClusterView view() {
        return views.get();
    }

    /** Classifies a command on a snapshot. */
    Operation classify(ClusterView view, CommandArguments args) {
        return classifier.classify(view, args);
    }

    /** The nodes to try for an operation, best first. */
    List<Host> candidates(ClusterView view, Operation op) {
        return balancer.candidates(view, op);
    }

    /**
     * Runs {@code work} on a connection to one of {@code candidates} (best first), with failover.
     *
     * @throws JedisDataException  the node's answer about the command
     * @throws JedisConnectionException when every try failed; the message names each node and why
     */
    <T> T execute(Operation op, List<Host> candidates, Function<Connection, T> work) {
        List<Host> order = HostOrder.order(candidates, op, health);
        int max = retry.maxAttempts();
        long started = System.nanoTime();
        List<String> failures = null;
        JedisException last = null;
        boolean freshRetried = false;
        for (int attempt = 0; attempt < max; attempt++) {
            Host host = retry.crossRackFallback() ? order.get(attempt % order.size()) : order.get(0);
            if (attempt > 0) {
                metrics.retries.inc();
                pause(retry.backoff(attempt));
            }
            long tryStart = System.nanoTime();
            Connection c;
            try {
                c = pools.borrow(host);
            } catch (JedisConnectionException e) {
                last = nodeFailed(host, e);
                failures = note(failures, host, last, max);
                continue;
            }
            try (c) {
                T result = work.apply(c);
                done(op, host, order.get(0), started, tryStart, attempt + 1);
                return result;
            } catch (JedisConnectionException e) {
                // A pooled connection the node closed while it sat idle (the node restarted, an idle timeout)
                // fails on first use, and so may its idle siblings: drop them and try this node once more
                // on a new connection before counting it as a failure. A node that is really gone then
                // fails to connect, which counts.
                pools.evictIdle(host);
                if (!freshRetried) {
                    freshRetried = true;
                    attempt--;
                    continue;
                }
                last = nodeFailed(host, e);
            } catch (JedisDataException e) {
                if (!HostOrder.refusedByNode(e)) {
                    health.success(host.client());
                    metrics.operation(op.command()).update(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    throw e;
                }
                if (e.getMessage().endsWith(" is not reachable")) {
                    health.failure(host.client(), e); // its datastore is down: as bad as the node itself
                }
                last = e;
            }
            failures = note(failures, host, last, max);
        }
        metrics.failed.inc();
        throw failed(op, max, failures, last);
    }

    private JedisException nodeFailed(Host host, JedisConnectionException e) {
        if (host.reachable()) { // an address-less node was never tried: nothing to learn of its health
            health.failure(host.client(), e);
            metrics.hostErrors(host.client()).inc();
        }
        return e;
    }

    private static List<String> note(List<String> failures, Host host, JedisException e, int max) {
        List<String> out = failures != null ? failures : new ArrayList<>(max);
        out.add(host + ": " + e.getMessage());
        return out;
    }

    private void done(Operation op, Host host, Host first, long started, long tryStart, int attempts) {
        long end = System.nanoTime();
        health.success(host.client());
        metrics.hostRequests(host.client()).update(end - tryStart, TimeUnit.NANOSECONDS);
        metrics.operation(op.command()).update(end - started, TimeUnit.NANOSECONDS);
        if (!host.equals(first)) {
            metrics.failovers.inc();
        }
        OperationResult.Recorder recorder = OperationResult.RECORDER.get();
        if (recorder != null) {
            recorder.record(host.client(), end - started, attempts);
        }
    }

    private static JedisException failed(Operation op, int attempts, List<String> failures, JedisException last) {
        if (attempts == 1) {
            return last;
        }
        String message = op.command() + " failed on every node tried (" + attempts + " tries): " + String.join("; ", failures);
        JedisException e = last instanceof JedisDataException ? new JedisDataException(message, last)
                : new JedisConnectionException(message, last);
        return e;
    }

    private static void pause(Duration d) {
        if (!d.isZero()) {
            LockSupport.parkNanos(d.toNanos());
        }
    }

    @Override
    public void close() {
        // The client closes the pools and the refresher; the executor owns nothing.
    }
}
