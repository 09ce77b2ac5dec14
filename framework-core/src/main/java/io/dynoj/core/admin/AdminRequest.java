package io.dynoj.core.admin;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;

/**
 * A request as an endpoint sees it.
 *
 * @param method the HTTP method (the router only lets {@code GET} through today)
 * @param path the normalized path: decoded, no query string, no trailing slash
 * @param rest the path segments after the route's own path, for parameterized routes such as
 *             {@code /set_consistency/<target>/<level>}; empty for an exact match
 * @param accept the {@code Accept} header, or {@code null} without one ({@code /metrics} picks its format by it)
 */
record AdminRequest(HttpMethod method, String path, List<String> rest, String accept) {

    AdminRequest {
        rest = List.copyOf(rest);
    }
}
