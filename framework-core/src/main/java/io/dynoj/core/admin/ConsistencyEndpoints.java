package io.dynoj.core.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.routing.ConsistencySettings;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /get_consistency} and {@code /set_consistency/<read|write>/<level>}, both answering the levels now in force. */
final class ConsistencyEndpoints {

    private static final Logger log = LoggerFactory.getLogger(ConsistencyEndpoints.class);

    private final Supplier<ConsistencySettings> settings;

    ConsistencyEndpoints(Supplier<ConsistencySettings> settings) {
        this.settings = settings;
    }

    AdminResponse get(AdminRequest request) {
        return AdminResponse.json(levels(settings.get()));
    }

    AdminResponse set(AdminRequest request) {
        if (request.rest().size() != 2) {
            return AdminResponse.error(HttpResponseStatus.BAD_REQUEST,
                    "expected /set_consistency/<read|write>/<level>, got " + request.path());
        }
        String target = request.rest().get(0).toLowerCase(Locale.ROOT);
        if (!target.equals("read") && !target.equals("write")) {
            return AdminResponse.error(HttpResponseStatus.BAD_REQUEST,
                    "unknown consistency target '" + request.rest().get(0) + "'; expected read or write");
        }
        ConsistencyLevel level;
        try {
            level = ConsistencyLevel.parse(request.rest().get(1));
        } catch (IllegalArgumentException e) {
            return AdminResponse.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        ConsistencySettings current = settings.get();
        if (target.equals("read")) {
            current.read(level);
        } else {
            current.write(level);
        }
        // A change of guarantees is worth a line in the log: it explains later behaviour.
        log.info("{} consistency set to {} through the admin port", target, level);
        return AdminResponse.json(levels(current));
    }

    private static ObjectNode levels(ConsistencySettings settings) {
        ObjectNode json = AdminJson.object();
        json.put("read", settings.read().name());
        json.put("write", settings.write().name());
        return json;
    }
}
