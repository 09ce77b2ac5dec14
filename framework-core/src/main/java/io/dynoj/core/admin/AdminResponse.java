package io.dynoj.core.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An endpoint's answer, independent of Netty's buffers so endpoints and the router can be tested
 * without a channel and nothing can leak; {@link AdminHandler} turns it into an HTTP response.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}
 * @param body the encoded body
 * @param headers extra headers (such as {@code Allow} on a 405)
 */
record AdminResponse(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {

    static final String TEXT = "text/plain; charset=UTF-8";
    static final String JSON = "application/json; charset=UTF-8";

    AdminResponse {
        headers = Map.copyOf(headers);
    }

    static AdminResponse text(String text) {
        return new AdminResponse(HttpResponseStatus.OK, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** 200 with a body already encoded in {@code contentType}. */
    static AdminResponse ok(String contentType, byte[] body) {
        return new AdminResponse(HttpResponseStatus.OK, contentType, body, Map.of());
    }

    static AdminResponse json(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    static AdminResponse json(HttpResponseStatus status, Object value) {
        return new AdminResponse(status, JSON, AdminJson.bytes(value), Map.of());
    }

    /** {@code {"error": message}} with the given status: every failure answers in the same shape. */
    static AdminResponse error(HttpResponseStatus status, String message) {
        return json(status, Map.of("error", message));
    }

    AdminResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new AdminResponse(status, contentType, body, more);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
