package io.dynoj.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynoj.core.config.HostPort;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * GETs of a node's admin HTTP endpoints ({@code stats_listen}), for the ring, status and decommission commands;
 * with the node's admin token ({@code admin_token_file}) when given one.
 */
final class AdminClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HostPort admin;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    AdminClient(HostPort admin) {
        this(admin, null);
    }

    /** @param token sent as {@code Authorization: Bearer <token>}, or {@code null} */
    AdminClient(HostPort admin, String token) {
        this.admin = admin;
        this.token = token;
    }

    /** The client {@code --token-file} asks for: the file's first line as the token, or none without a file. */
    static AdminClient of(String admin, java.nio.file.Path tokenFile) {
        String token = tokenFile == null ? null
                : io.dynoj.core.config.Secret.firstLine("--token-file", tokenFile).strip();
        return new AdminClient(HostPort.parse(admin), token);
    }

    /** The body of a 200 answer; anything else is an {@link IOException} saying what happened. */
    String get(String path) throws IOException, InterruptedException {
        return send(path, HttpRequest.newBuilder(URI.create("http://" + admin + path)).GET());
    }

    /** A POST without a body (an action: {@code /repair}); the body of a 2xx answer. */
    String post(String path) throws IOException, InterruptedException {
        return send(path, HttpRequest.newBuilder(URI.create("http://" + admin + path))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private String send(String path, HttpRequest.Builder request) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + admin + path);
        HttpResponse<String> response;
        try {
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IOException("cannot reach the admin port " + admin + " (is the node running, and is its stats_listen "
                    + admin + "?)", e);
        } catch (HttpTimeoutException e) {
            throw new IOException("the admin port " + admin + " did not answer " + path + " within " + TIMEOUT.toSeconds() + " s", e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new IOException(uri + " answered HTTP " + response.statusCode() + ": the node asks for its admin token"
                    + (token == null ? "; give it with --token-file FILE" : " and refused the one given"));
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(uri + " answered HTTP " + response.statusCode() + ": " + response.body().trim());
        }
        return response.body();
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        return json(path, get(path));
    }

    JsonNode postJson(String path) throws IOException, InterruptedException {
        return json(path, post(path));
    }

    private JsonNode json(String path, String body) throws IOException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IOException("http://" + admin + path + " did not answer JSON: " + body.trim(), e);
        }
    }
}
