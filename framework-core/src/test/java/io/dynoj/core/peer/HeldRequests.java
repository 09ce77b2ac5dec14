package io.dynoj.core.peer;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link RemoteRequestHandler} that keeps every request until the test answers it. Single-threaded. */
final class HeldRequests implements RemoteRequestHandler {

    /** One request received, with what came with it. */
    record Held(String command, byte mode, ConsistencyLevel level, ReplySink sink) {

        void reply(String text) {
            sink.reply(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        }
    }

    final List<Held> held = new ArrayList<>();

    @Override
    public void handleRemote(Request request, byte mode, ConsistencyLevel consistency, int originRack, ReplySink sink) {
        try {
            held.add(new Held(request.command(), mode, consistency, sink));
        } finally {
            request.release();
        }
    }
}
