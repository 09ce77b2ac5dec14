package io.dynoj.core.topology;

import com.google.auto.service.AutoService;
import io.dynoj.core.config.ConfigSection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Dynomite's {@code florida_provider}: the seed list polled from an HTTP endpoint (Netflix's Florida
 * sidecar), configured as Dynomite does through {@code DYNOMITE_FLORIDA_IP}, {@code DYNOMITE_FLORIDA_PORT}
 * and {@code DYNOMITE_FLORIDA_REQUEST} (a raw request line such as {@code GET /REST/v1/admin/get_seeds
 * HTTP/1.0}, or just the path). A {@code florida_provider:} section may set {@code ip}, {@code port},
 * {@code request} and {@code interval} (ms) instead; the section wins over the environment.
 */
final class FloridaTopologySource {

    static final String TYPE = "florida_provider";

    private FloridaTopologySource() {
    }

    /** The endpoint the settings name: section, then environment, then Dynomite's defaults. */
    static URI endpoint(ConfigSection section, Map<String, String> env) {
        section.requireKnownKeys(List.of("ip", "port", "request", "interval"));
        String ip = section.text("ip", env.getOrDefault("DYNOMITE_FLORIDA_IP", "127.0.0.1"));
        long port = section.has("port") ? section.number("port", 8080, 1, 65535)
                : parsePort(env.getOrDefault("DYNOMITE_FLORIDA_PORT", "8080"));
        String request = section.text("request", env.getOrDefault("DYNOMITE_FLORIDA_REQUEST",
                "GET /REST/v1/admin/get_seeds HTTP/1.0"));
        return URI.create("http://" + ip + ":" + port + path(request));
    }

    /** The path of a raw request ({@code GET /x HTTP/1.0\r\nHost: ...}) or a bare path. */
    static String path(String request) {
        String line = request.strip().split("\r?\n", 2)[0].strip();
        String[] words = line.split("\\s+");
        String path = words.length >= 2 && words[0].equalsIgnoreCase("GET") ? words[1] : words[0];
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException(TYPE + ": request '" + request + "' names no path");
        }
        return path;
    }

    private static long parsePort(String text) {
        try {
            long port = Long.parseLong(text.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("DYNOMITE_FLORIDA_PORT '" + text + "' is not a port");
    }

    static long interval(ConfigSection section) {
        return section.number("interval", 30_000, 100, 3_600_000);
    }

    /** Type {@code florida_provider}. */
    @AutoService(TopologySourceProvider.class)
    public static final class Provider implements TopologySourceProvider {

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void validate(io.dynoj.core.config.NodeConfig config) {
            ConfigSection section = config.section(TYPE);
            endpoint(section, System.getenv());
            interval(section);
        }

        @Override
        public TopologySource create(TopologySourceContext context) {
            ConfigSection section = context.config().section(TYPE);
            URI uri = endpoint(section, System.getenv());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
            return new SeedListSource(context, () -> {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode() + " from " + uri);
                }
                return response.body();
            }, TYPE + " " + uri, interval(section));
        }
    }
}
