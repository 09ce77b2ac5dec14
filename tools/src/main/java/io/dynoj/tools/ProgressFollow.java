package io.dynoj.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code --follow} of a run on a node ({@code dynoj repair}, {@code dynoj warmup}): its progress line
 * redrawn in place every {@code interval} ms from {@code GET path} while the run goes on, then the last one.
 */
final class ProgressFollow {

    private ProgressFollow() {
    }

    /** Follows from {@code first} until {@code running} says no more; answers the last progress read. */
    static JsonNode follow(AdminClient client, String path, JsonNode first, Predicate<JsonNode> running,
                           Function<JsonNode, String> line, PrintWriter out, long intervalMillis)
            throws IOException, InterruptedException {
        JsonNode p = first;
        while (running.test(p)) {
            out.print("\r" + line.apply(p));
            out.flush();
            Thread.sleep(intervalMillis); // the pace a person reads a bar at
            p = client.getJson(path);
        }
        out.println("\r" + line.apply(p));
        return p;
    }
}
