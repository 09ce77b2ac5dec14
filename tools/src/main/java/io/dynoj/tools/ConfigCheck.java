package io.dynoj.tools;

import io.dynoj.core.config.ConfigLoader;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.plugin.InstalledAdapters;
import io.dynoj.core.plugin.ProviderLoader;
import io.dynoj.core.spi.DatastoreProvider;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.storage.StoreDatastoreProvider;
import io.dynoj.core.tls.NodeTls;
import io.dynoj.core.topology.Rack;
import io.dynoj.core.topology.StaticTopology;
import io.dynoj.core.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that is usable here: it parses, and its protocol and datastore are installed and
 * fit together, and its TLS files load. Throws {@link io.dynoj.core.config.ConfigException} or
 * {@link IllegalArgumentException}/{@link IllegalStateException} (missing adapter, bad seeds) with
 * the reason.
 */
record ConfigCheck(NodeConfig config, ProtocolAdapter protocol, DatastoreProvider datastore, Topology topology) {

    static ConfigCheck of(Path file) {
        NodeConfig config = ConfigLoader.load(file, Cli.home());
        NodeTls.check(config.tls());
        ProtocolAdapter protocol = ProviderLoader.protocol(config.protocol());
        DatastoreProvider datastore = ProviderLoader.datastore(config.datastoreType());
        if (!datastore.protocols().contains(protocol.name())) {
            throw new IllegalStateException("datastore '" + datastore.type() + "' cannot serve protocol '"
                    + protocol.name() + "'; it serves " + datastore.protocols());
        }
        datastore.validate(config.datastoreSettings());
        protocol.authenticator(config.auth()); // reads acl_file/auth_file: a bad users file fails here, not at start
        io.dynoj.core.admin.AdminAccess.of(config.auth());
        ProviderLoader.topologySource(config.dynSeedProvider()).validate(config);
        return new ConfigCheck(config, protocol, datastore, StaticTopology.from(config));
    }

    /** What the node would do, one aspect a line. */
    List<String> summary() {
        NodeConfig c = config;
        String store = datastore instanceof StoreDatastoreProvider
                ? datastore.type() + " (embedded), data in " + c.dataDir().toAbsolutePath().normalize()
                : datastore.type() + " at " + c.servers().stream().map(Object::toString).collect(Collectors.joining(", "));
        return List.of(
                "pool         " + c.poolName(),
                "listen       " + c.listen() + " (" + protocol.name() + " clients)",
                "datastore    " + store,
                "peers        " + (c.dynListen() == null ? "none (dyn_listen not set)" : "on " + c.dynListen())
                        + ", " + c.dynSeeds().size() + " seed(s)",
                "node         " + c.nodeId() + " of cluster " + c.clusterName() + ", topology from " + c.dynSeedProvider(),
                "place        " + c.datacenter() + "/" + c.rack() + ", tokens "
                        + (c.tokensConfigured() || c.dynSeedProvider().equals("simple_provider") ? c.tokens() : "assigned")
                        + ", hash " + c.hash()
                        + (c.hashTag() == null ? "" : ", hash_tag " + c.hashTag()),
                "cluster      " + describe(topology),
                "consistency  read " + c.readConsistency() + ", write " + c.writeConsistency(),
                "admin        " + c.statsListen(),
                "tls          " + NodeTls.describe(c.tls()),
                "adapters     " + InstalledAdapters.find());
    }

    private static String describe(Topology t) {
        String local = t.local().dc() + ": " + racks(t.localDcRacks());
        String remote = t.remoteDcs().entrySet().stream()
                .map(e -> e.getKey() + ": " + racks(e.getValue()))
                .collect(Collectors.joining("; "));
        return t.nodes().size() + " node(s); " + local + (remote.isEmpty() ? "" : "; " + remote);
    }

    private static String racks(List<Rack> racks) {
        return racks.stream().map(r -> r.name() + " (" + r.ring().nodes().size() + ")").collect(Collectors.joining(", "));
    }
}
