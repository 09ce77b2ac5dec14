package io.dynoj.core.routing;

/**
 * Why a read left the replica it was sent to for the next one: failures of the link to that replica, which
 * say nothing about the data. Anything else (a datastore's error reply, an error the replica's node sent
 * back, such as its datastore being unreachable or its state refusing reads) is the answer, not retried.
 */
enum FailoverReason {

    /** Known down before sending, or refused at once: no connection up (or, with failure detection, DOWN). */
    UNREACHABLE("unreachable"),
    /** The connection dropped while the read waited: it may or may not have run there. */
    CONNECTION_ERROR("connection_error"),
    /** No answer within {@code dyn_read_timeout}. */
    TIMEOUT("timeout"),
    /** Skipped before sending: its node's gossiped state refuses reads (WRITES_ONLY, RESUMING, STANDBY, JOINING). */
    NOT_READABLE("not_readable");

    /** The metric's last segment: {@code router.reads_failed_over.<name>}. */
    final String metricName;

    FailoverReason(String metricName) {
        this.metricName = metricName;
    }

    /**
     * The reason in {@code message}, an error a read sent to {@code peer} got, or {@code null} when it is not a
     * failure of the link. The messages are those {@code PeerLinks} and {@code PeerConnection} give for that
     * peer ("no link to P", "peer P is not reachable...", "connection to peer P was lost", "timeout: peer P did
     * not answer..."), matched on the peer's own name, so an error the peer relayed about another node is
     * never taken for one. Any "peer P is ..." counts as unreachable (a DOWN peer's refusal says so too).
     * Called on the failure path only.
     */
    static FailoverReason of(String message, String peer) {
        if (message == null) {
            return null;
        }
        if (message.equals("no link to " + peer) || message.startsWith("peer " + peer + " is ")) {
            return UNREACHABLE;
        }
        if (message.startsWith("connection to peer " + peer + " ")) {
            return CONNECTION_ERROR;
        }
        if (message.startsWith("timeout: peer " + peer + " ")) {
            return TIMEOUT;
        }
        return null;
    }
}
