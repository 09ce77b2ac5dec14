package io.dynoj.core.admin;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps a request path to its {@link AdminEndpoint}. A route is either exact ({@code /ping}) or a prefix
 * ({@code /set_consistency} also takes {@code /set_consistency/read/dc_one}, the rest handed over as
 * segments); an exact route wins, then the longest prefix. Paths match with or without a trailing
 * slash. A route either reads (GET only) or is an action that changes the node (GET, as Dynomite's admin port,
 * or POST), which {@link AdminAuthHandler} protects. Immutable once built, so one router serves every connection.
 */
final class AdminRouter {

    /** Compiled once: String.replaceAll compiles its pattern on every request. */
    private static final Pattern SLASHES = Pattern.compile("/{2,}");

    private final Map<String, AdminEndpoint> exact;
    private final Map<String, AdminEndpoint> prefixes;
    /** The paths (exact or prefix) of routes that change the node. */
    private final java.util.Set<String> actions;

    private AdminRouter(Builder builder) {
        this.exact = Map.copyOf(builder.exact);
        this.prefixes = Map.copyOf(builder.prefixes);
        this.actions = java.util.Set.copyOf(builder.actions);
    }

    static Builder builder() {
        return new Builder();
    }

    /**
     * Answers a request: the endpoint's response, or 404 for a path no route takes, or 405 for a method
     * other than GET (Dynomite's admin port is all GETs, changes included) and, on an action, POST.
     * {@code accept} is the request's {@code Accept} header, or {@code null}.
     */
    AdminResponse dispatch(HttpMethod method, String uri, String accept) {
        String path;
        try {
            path = normalize(uri);
        } catch (IllegalArgumentException e) { // bad percent-encoding
            return AdminResponse.error(HttpResponseStatus.BAD_REQUEST, "malformed path: " + e.getMessage());
        }
        Match match = match(method, path, accept);
        if (match == null) {
            return AdminResponse.error(HttpResponseStatus.NOT_FOUND, "no admin endpoint at " + path);
        }
        boolean action = actions.contains(match.route());
        if (!HttpMethod.GET.equals(method) && !(action && HttpMethod.POST.equals(method))) {
            String allow = action ? "GET, POST" : "GET";
            return AdminResponse.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method " + method + " not allowed on " + path + "; use " + allow).withHeader("Allow", allow);
        }
        return match.endpoint().handle(match.request());
    }

    /**
     * Whether a request may change the node: any method but GET, or a path an action takes. A malformed path or
     * one no route takes changes nothing (it gets 400 or 404).
     */
    boolean changes(HttpMethod method, String uri) {
        if (!HttpMethod.GET.equals(method)) {
            return true;
        }
        try {
            Match match = match(method, normalize(uri), null);
            return match != null && actions.contains(match.route());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Match match(HttpMethod method, String path, String accept) {
        AdminEndpoint endpoint = exact.get(path);
        if (endpoint != null) {
            return new Match(path, endpoint, new AdminRequest(method, path, List.of(), accept));
        }
        // Walk up from the full path so the longest prefix route wins.
        for (String candidate = path; !candidate.isEmpty(); candidate = parent(candidate)) {
            endpoint = prefixes.get(candidate);
            if (endpoint != null) {
                String rest = path.substring(candidate.length());
                List<String> segments = rest.isEmpty() ? List.of() : List.of(rest.substring(1).split("/"));
                return new Match(candidate, endpoint, new AdminRequest(method, path, segments, accept));
            }
        }
        return null;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
    }

    /** Decoded path without query string, duplicate or trailing slashes; {@code /} stays {@code /}. */
    static String normalize(String uri) {
        String path = SLASHES.matcher(new QueryStringDecoder(uri).path()).replaceAll("/");
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.isEmpty() ? "/" : path;
    }

    /** @param route the path the route was registered under */
    private record Match(String route, AdminEndpoint endpoint, AdminRequest request) {
    }

    /** Collects routes; paths are given without a trailing slash. */
    static final class Builder {

        private final Map<String, AdminEndpoint> exact = new HashMap<>();
        private final Map<String, AdminEndpoint> prefixes = new HashMap<>();
        private final java.util.Set<String> actions = new java.util.HashSet<>();

        private Builder() {
        }

        /** Routes exactly {@code path} to an endpoint that changes the node (GET or POST; protected by the token). */
        Builder action(String path, AdminEndpoint endpoint) {
            actions.add(path);
            return route(path, endpoint);
        }

        /** Routes {@code prefix} and every path below it to an endpoint that changes the node. */
        Builder actionPrefix(String prefix, AdminEndpoint endpoint) {
            actions.add(prefix);
            return prefix(prefix, endpoint);
        }

        /** Routes exactly {@code path}. */
        Builder route(String path, AdminEndpoint endpoint) {
            put(exact, path, endpoint);
            return this;
        }

        /** Routes {@code prefix} and every path below it. */
        Builder prefix(String prefix, AdminEndpoint endpoint) {
            put(prefixes, prefix, endpoint);
            return this;
        }

        AdminRouter build() {
            return new AdminRouter(this);
        }

        private static void put(Map<String, AdminEndpoint> routes, String path, AdminEndpoint endpoint) {
            if (!path.startsWith("/") || !normalize(path).equals(path)) {
                throw new IllegalArgumentException("route must be a normalized absolute path: '" + path + "'");
            }
            if (routes.putIfAbsent(path, endpoint) != null) {
                throw new IllegalArgumentException("route " + path + " is already taken");
            }
        }
    }
}
