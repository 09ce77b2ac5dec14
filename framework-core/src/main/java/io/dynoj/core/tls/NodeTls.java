package io.dynoj.core.tls;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.SecureServerOption;
import io.dynoj.core.config.TlsClientAuth;
import io.dynoj.core.config.TlsSettings;
import io.dynoj.core.net.OutboundTls;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's TLS at run time, made from {@link TlsSettings} when the node starts: the contexts of the
 * client ports, of the peer port and of the peer links (mutual authentication against the cluster CA), and
 * of the datastore connections, each rebuilt when its files change ({@link ReloadingContext}, checked every
 * {@code tls_reload_interval} on a thread of its own: reading files and building contexts is blocking work
 * that does not belong on an event loop). The pipeline builders ask it for their handlers.
 *
 * <p>The peer port: with {@code secure_server_option: all} it speaks TLS only; with {@code rack} or
 * {@code datacenter} it accepts TLS and plain text on the same port ({@link OptionalTls}
 * tells them apart by the first bytes), since the links that need no encryption stay plain, as in Dynomite.
 * The connecting side decides: it encrypts exactly the links the option names ({@link #peerLink}); the
 * accepting side refuses a plain-text hello from a node whose link the option encrypts. A TLS
 * peer connection is always mutually authenticated: a certificate not signed by the CA is refused.
 *
 * <p>Thread-safe: the handler factories are called on the connections' event loops.
 */
public final class NodeTls implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeTls.class);

    private final TlsSettings settings;
    private final ReloadingContext clients;
    private final ReloadingContext peerServer;
    private final ReloadingContext peerClient;
    private final ReloadingContext datastore;
    private final TlsMetrics clientMetrics;
    private final TlsMetrics peerServerMetrics;
    private final TlsMetrics peerLinkMetrics;
    private final TlsMetrics datastoreMetrics;
    private final RefusalLog clientRefusals = RefusalLog.accepted("client port", false);
    private final RefusalLog peerRefusals = RefusalLog.accepted("peer port", true);
    private final RefusalLog peerLinkRefusals = RefusalLog.opened("peer link");
    private final RefusalLog datastoreRefusals = RefusalLog.opened("datastore connection");
    private final CertificateFiles files;
    private final ScheduledExecutorService reload;

    private NodeTls(TlsSettings s, MetricRegistry metrics) {
        this.settings = s;
        clients = s.clientsUseTls() ? new ReloadingContext(() -> PemContexts.server(s, s.clientAuth())) : null;
        peerServer = s.peersUseTls() ? new ReloadingContext(() -> PemContexts.server(s, TlsClientAuth.REQUIRE)) : null;
        peerClient = s.peersUseTls() ? new ReloadingContext(() -> PemContexts.client(s, false)) : null;
        datastore = s.datastoreTls() ? new ReloadingContext(() -> PemContexts.client(s, true)) : null;
        files = new CertificateFiles(Arrays.asList(s.certFile(), s.keyFile(), s.caFile()),
                Arrays.asList(clients, peerServer, peerClient, datastore));
        clientMetrics = new TlsMetrics(metrics, "clients");
        peerServerMetrics = new TlsMetrics(metrics, "peer_server");
        peerLinkMetrics = new TlsMetrics(metrics, "peer_links");
        datastoreMetrics = new TlsMetrics(metrics, "datastore");
        reload = s.reloadIntervalMillis() > 0 ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynoj-tls-reload");
            t.setDaemon(true);
            return t;
        }) : null;
        if (reload != null) {
            reload.scheduleWithFixedDelay(this::checkFiles, s.reloadIntervalMillis(), s.reloadIntervalMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The node's TLS, or {@code null} when nothing speaks TLS. Loads every certificate now: a missing file,
     * a key that does not match its certificate or a missing setting throws {@link IllegalStateException}.
     */
    public static NodeTls start(TlsSettings settings, MetricRegistry metrics) {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        if (!settings.enabled()) {
            return null;
        }
        try {
            NodeTls tls = new NodeTls(settings, metrics);
            log.info("TLS ({} provider, {}): {}", PemContexts.provider(), String.join(", ", PemContexts.PROTOCOLS),
                    describeEnabled(settings));
            return tls;
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Whether a node would start with {@code settings}: the settings it needs are there and every file
     * loads (keys matching their certificates). Throws {@link IllegalStateException} with the reason.
     * For {@code check-config}.
     */
    public static void check(TlsSettings settings) {
        NodeTls tls = start(new TlsSettings(settings.certFile(), settings.keyFile(), settings.caFile(),
                settings.clientAuth(), settings.clientPortTls(), settings.listenTls(), settings.secureServerOption(),
                settings.datastoreTls(), 0), new MetricRegistry());
        if (tls != null) {
            tls.close();
        }
    }

    /** One line: what speaks TLS and how ({@code "none"} when nothing does). */
    public static String describe(TlsSettings settings) {
        return settings.enabled() ? describeEnabled(settings) : "none";
    }

    public TlsSettings settings() {
        return settings;
    }

    /** The TLS handlers of an accepted client connection, first in its pipeline. */
    public void addToClient(ChannelPipeline p) {
        p.addFirst("tls-guard", new TlsHandshakeGuard(clientMetrics, clientRefusals));
        p.addFirst("tls", clients.current().newHandler(p.channel().alloc()));
    }

    /**
     * The TLS handlers of an accepted peer connection: TLS only ({@code all}), or TLS or plain text, in which
     * case {@code onPlainText} adds what checks a plain-text peer (it is called with the pipeline once the
     * first bytes showed it).
     */
    public void addToPeerServer(Channel ch, Consumer<ChannelPipeline> onPlainText) {
        if (peerServer == null) {
            return;
        }
        ChannelPipeline p = ch.pipeline();
        p.addFirst("tls-guard", new TlsHandshakeGuard(peerServerMetrics, peerRefusals));
        p.addFirst("tls", settings.secureServerOption() == SecureServerOption.ALL
                ? peerServer.current().newHandler(ch.alloc()) : new OptionalTls(peerServer.current(), onPlainText));
    }

    /**
     * Whether a link between this node, at {@code localDc}/{@code localRack}, and one at {@code dc}/{@code rack}
     * is encrypted.
     */
    public boolean encrypts(String localDc, String localRack, String dc, String rack) {
        return settings.secureServerOption().encrypts(localDc, localRack, dc, rack);
    }

    /** How a link from this node to a peer at {@code dc}/{@code rack} is made: TLS, or {@code null} for plain. */
    public OutboundTls peerLink(String localDc, String localRack, String dc, String rack) {
        if (peerClient == null || !settings.secureServerOption().encrypts(localDc, localRack, dc, rack)) {
            return null;
        }
        return outbound(peerClient, peerLinkMetrics, peerLinkRefusals);
    }

    /** How datastore connections are made: TLS, or {@code null} for plain. */
    public OutboundTls datastore() {
        return datastore == null ? null : outbound(datastore, datastoreMetrics, datastoreRefusals);
    }

    private static OutboundTls outbound(ReloadingContext context, TlsMetrics metrics, RefusalLog refusals) {
        return (Channel ch, InetSocketAddress remote) -> {
            ch.pipeline().addFirst("tls-guard", new TlsHandshakeGuard(metrics, refusals));
            ch.pipeline().addFirst("tls", context.current().newHandler(ch.alloc(), remote.getHostString(), remote.getPort()));
        };
    }

    /** Rebuilds the contexts whose files changed; from the reload thread, or a test. */
    public void checkFiles() {
        try {
            files.check();
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: reloading must outlive a bug.
            log.error("TLS: checking the certificate files failed", e);
        }
    }

    private static String describeEnabled(TlsSettings settings) {
        List<String> parts = new ArrayList<>();
        if (settings.clientPortTls()) {
            parts.add("client port TLS only");
        }
        if (settings.listenTls() != null) {
            parts.add("client TLS port " + settings.listenTls());
        }
        if (settings.clientsUseTls()) {
            parts.add("client certificates " + settings.clientAuth().configName());
        }
        if (settings.peersUseTls()) {
            parts.add("peer links encrypted: " + settings.secureServerOption().configName() + " (mutual TLS)");
        }
        if (settings.datastoreTls()) {
            parts.add("datastore connections TLS");
        }
        parts.add(settings.reloadIntervalMillis() > 0 ? "files checked every " + settings.reloadIntervalMillis() + " ms"
                : "files not reloaded");
        return String.join(", ", parts);
    }

    @Override
    public void close() {
        if (reload != null) {
            reload.shutdownNow();
        }
    }
}
