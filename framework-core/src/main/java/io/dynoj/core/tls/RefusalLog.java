package io.dynoj.core.tls;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused TLS handshakes once per remote host and reason: a peer with a wrong certificate retries
 * every few seconds, and its log line should say so once, then again only when the reason changes or
 * after it got through. Remembers the last {@link #MAX_HOSTS} hosts. Thread-safe.
 */
final class RefusalLog {

    private static final Logger log = LoggerFactory.getLogger(RefusalLog.class);
    static final int MAX_HOSTS = 1024;

    private final String what;
    private final boolean warn;
    private final Map<String, String> lastReason = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_HOSTS;
        }
    };

    /**
     * @param what the port or link, in log lines ({@code "peer port"})
     * @param warn whether a new refusal is a warning (peers) or only a debug line (clients: a public port
     *     sees scanners, counted by {@link TlsMetrics})
     */
    RefusalLog(String what, boolean warn) {
        this.what = what;
        this.warn = warn;
    }

    void refused(String host, String reason) {
        String before;
        synchronized (lastReason) {
            before = lastReason.put(host, reason);
        }
        if (warn && !reason.equals(before)) {
            log.warn("TLS: refused a connection from {} on the {}: {} (logged once until it changes)", host, what, reason);
        } else {
            log.debug("TLS: refused a connection from {} on the {}: {}", host, what, reason);
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
