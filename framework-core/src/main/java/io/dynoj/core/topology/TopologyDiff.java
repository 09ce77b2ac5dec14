package io.dynoj.core.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What changed between two snapshots, in words for the one log line a swap gets. */
final class TopologyDiff {

    private TopologyDiff() {
    }

    static String of(Topology previous, Topology next) {
        Map<String, ClusterNode> before = byId(previous);
        Map<String, ClusterNode> after = byId(next);
        List<String> parts = new ArrayList<>();
        after.forEach((id, node) -> {
            ClusterNode old = before.get(id);
            if (old == null) {
                parts.add("+" + describe(node));
            } else if (!old.peerAddress().equals(node.peerAddress()) || !old.tokens().equals(node.tokens())
                    || !old.dc().equals(node.dc()) || !old.rack().equals(node.rack())) {
                parts.add("~" + describe(node) + " (was " + describe(old) + ")");
            }
        });
        before.forEach((id, node) -> {
            if (!after.containsKey(id)) {
                parts.add("-" + describe(node));
            }
        });
        String changes = parts.isEmpty() ? "no member changed" : String.join(", ", parts);
        return next.nodes().size() + " nodes; " + changes;
    }

    private static String describe(ClusterNode node) {
        String id = node.id().equals(node.name()) ? "" : " [" + node.id() + "]";
        return node.name() + " tokens " + node.tokens() + id;
    }

    private static Map<String, ClusterNode> byId(Topology t) {
        return t.nodes().stream().collect(Collectors.toMap(ClusterNode::id, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }
}
