package io.dynoj.client.topology;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import redis.clients.jedis.HostAndPort;

/**
 * GETs on nodes' admin ports ({@code stats_listen}): the cluster description and node states. One JDK
 * {@link HttpClient} (thread-safe, its own small thread pool); every call is bounded by the timeout.
 */
public final class AdminHttp {

    private final HttpClient http;
    private final Duration timeout;

    public AdminHttp(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The body of {@code GET http://admin/path}, which must answer 200. */
    public String get(HostAndPort admin, String path) throws IOException {
        try {
            return check(admin, path, http.send(request(admin, path), HttpResponse.BodyHandlers.ofString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + admin + path, e);
        }
    }

    /** {@link #get} without blocking; the future fails with an {@link IOException}. */
    public CompletableFuture<String> getAsync(HostAndPort admin, String path) {
        return http.sendAsync(request(admin, path), HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            try {
                return check(admin, path, r);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private HttpRequest request(HostAndPort admin, String path) {
        String host = admin.getHost().contains(":") ? "[" + admin.getHost() + "]" : admin.getHost();
        return HttpRequest.newBuilder(URI.create("http://" + host + ":" + admin.getPort() + path))
                .timeout(timeout).GET().build();
    }

    private static String check(HostAndPort admin, String path, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException("http://" + admin + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
