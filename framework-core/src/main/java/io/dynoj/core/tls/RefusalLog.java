package io.dynoj.core.tls;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs failed TLS handshakes once per remote host and reason: a peer with a wrong certificate retries
 * every few seconds, and its log line should say so once, then again only when the reason changes or
 * after it got through. For connections the node accepts (a port) and those it opens (a link) alike.
 * Remembers the last {@link #MAX_HOSTS} hosts. Thread-safe.
 */
final class RefusalLog {

    private static final Logger log = LoggerFactory.getLogger(RefusalLog.class);
    static final int MAX_HOSTS = 1024;

    private final String what;
    private final boolean warn;
    private final boolean inbound;
    private final Map<String, String> lastReason = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_HOSTS;
        }
    };

    private RefusalLog(String what, boolean warn, boolean inbound) {
        this.what = what;
        this.warn = warn;
        this.inbound = inbound;
    }

    /**
     * For a port the node accepts connections on.
     *
     * @param what the port, in log lines ({@code "peer port"})
     * @param warn whether a new refusal is a warning (peers) or only a debug line (clients: a public port
     *     sees scanners, counted by {@link TlsMetrics})
     */
    static RefusalLog accepted(String what, boolean warn) {
        return new RefusalLog(what, warn, true);
    }

    /** For connections the node opens ({@code "peer link"}): a failure is a warning. */
    static RefusalLog opened(String what) {
        return new RefusalLog(what, true, false);
    }

    /**
     * Whether this logs the connections the node accepts: their handshake's success proves the other end
     * was accepted. Of a connection the node opens, only the first data does: with TLS 1.3 the client's
     * handshake is done before the server has checked the client's certificate.
     */
    boolean inbound() {
        return inbound;
    }

    /** @param host the other end: its host for a port the node accepts on, {@code host:port} for a link */
    void refused(String host, String reason) {
        String before;
        synchronized (lastReason) {
            before = lastReason.put(host, reason);
        }
        if (warn && !reason.equals(before)) {
            if (inbound) {
                log.warn("TLS: refused a connection from {} on the {}: {} (logged once until it changes)", host, what, reason);
            } else {
                log.warn("TLS: a {} to {} failed its handshake: {} (logged once until it changes)", what, host, reason);
            }
        } else {
            log.debug("TLS: {} {} {}: {}", what, inbound ? "refused" : "failed, to", host, reason);
        }
    }

    void accepted(String host) {
        String before;
        synchronized (lastReason) {
            before = lastReason.remove(host);
        }
        if (before != null && warn) {
            log.info("TLS: {} got through on the {} after: {}", host, what, before);
        }
    }
}
