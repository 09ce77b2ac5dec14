package io.dynoj.client.topology;

import io.dynoj.core.state.ServingState;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import redis.clients.jedis.HostAndPort;

/**
 * Reads nodes' Dynomite states ({@code /state/get_state}: {@code State: WRITES_ONLY}) from their admin
 * ports, all at once, so that maintenance states steer the client: the topology itself does not carry
 * them yet. A node that does not answer (down, or its admin port unknown) counts as
 * {@link ServingState#NORMAL}: whether it is reachable is the health tracker's business, not a state.
 */
public final class NodeStates {

    private static final String PREFIX = "State:";

    private final AdminHttp http;
    private final long timeoutMillis;

    public NodeStates(AdminHttp http, long timeoutMillis) {
        this.http = http;
        this.timeoutMillis = timeoutMillis;
    }

    /** The states of the given admin addresses; blocks at most about the timeout. */
    public Map<HostAndPort, ServingState> read(Iterable<HostAndPort> admins) {
        Map<HostAndPort, CompletableFuture<String>> asked = new HashMap<>();
        for (HostAndPort admin : admins) {
            asked.put(admin, http.getAsync(admin, "/state/get_state"));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Map<HostAndPort, ServingState> states = new HashMap<>();
        asked.forEach((admin, answer) -> states.put(admin, await(answer, deadline)));
        return states;
    }

    private static ServingState await(CompletableFuture<String> answer, long deadline) {
        try {
            return parse(answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServingState.NORMAL;
        } catch (ExecutionException | TimeoutException | IllegalArgumentException e) {
            answer.cancel(true);
            return ServingState.NORMAL;
        }
    }

    /** {@code State: NORMAL} (Dynomite's text form) to the state it names. */
    static ServingState parse(String body) {
        String text = body.trim();
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a node state: " + text);
        }
        return ServingState.parse(text.substring(PREFIX.length()).trim());
    }
}
