package io.dynoj.tools;

import io.dynoj.core.config.ConfigException;
import io.dynoj.core.config.ConfigLoader;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.hash.KeyHasher;
import io.dynoj.core.hash.KeyRange;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Rack;
import io.dynoj.core.topology.StaticTopology;
import io.dynoj.core.topology.Topology;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dynoj hash KEY...}: the token of each key and, given a ring, the node of each rack that owns
 * it (Dynomite's placement, with {@link KeyHasher} and {@link Topology}: the same code the router uses).
 */
@Command(name = "hash", mixinStandardHelpOptions = true,
        description = {"Prints each key's token and, given a ring, which node of each rack owns it.",
                "The ring is a configuration file's (-c: its hash, hash_tag, tokens and dyn_seeds) or a list of tokens (--tokens)."})
final class HashCommand implements Callable<Integer> {

    @ParentCommand
    DynojCommand dynoj;

    @Option(names = {"-c", "--conf-file"}, paramLabel = "FILE", description = "Take the hash and the ring from this node's configuration.")
    Path confFile;

    @Option(names = "--hash", paramLabel = "NAME", description = "Hash function (default: the configuration's, else murmur).")
    String hash;

    @Option(names = "--hash-tag", paramLabel = "XY", description = "Hash tag, two characters such as {} (default: the configuration's).")
    String hashTag;

    @Option(names = "--tokens", paramLabel = "T1,T2,...", split = ",",
            description = "Tokens of the nodes of one rack, node 1 first (instead of -c).")
    List<Long> tokens;

    @Parameters(paramLabel = "KEY", arity = "1..*", description = "Keys, as UTF-8 text.")
    List<String> keys;

    @Override
    public Integer call() {
        dynoj.start();
        if (confFile != null && tokens != null) {
            dynoj.err.println("dynoj hash: give either -c FILE or --tokens, not both");
            return 2;
        }
        KeyHasher hasher;
        Topology topology;
        try {
            NodeConfig config = confFile == null ? null : ConfigLoader.load(confFile, Cli.home());
            hasher = KeyHasher.of(hash != null ? hash : config != null ? config.hash() : null,
                    hashTag != null ? hashTag : config != null ? config.hashTag() : null);
            topology = config != null ? StaticTopology.from(config) : tokens != null ? ring(tokens) : null;
        } catch (ConfigException | IllegalArgumentException e) {
            dynoj.err.println("dynoj hash: " + e.getMessage());
            return 1;
        }
        for (String key : keys) {
            print(key, hasher, topology);
        }
        return 0;
    }

    private void print(String key, KeyHasher hasher, Topology topology) {
        ByteBuf bytes = Unpooled.wrappedBuffer(key.getBytes(StandardCharsets.UTF_8));
        long token = hasher.token(bytes);
        KeyRange hashed = hasher.select(bytes);
        String part = hashed.length() == bytes.readableBytes() ? ""
                : ", hashed '" + bytes.toString(hashed.index(), hashed.length(), StandardCharsets.UTF_8) + "'";
        dynoj.out.println("key '" + key + "' token " + token + " (" + hasher.algorithm().dynomiteName() + part + ")");
        if (topology == null) {
            return;
        }
        for (Rack rack : racks(topology)) {
            ClusterNode owner = rack.owner(token);
            String where = tokens != null ? "ring" : rack.dc() + "/" + rack.name();
            String held = owner.tokens().size() == 1 ? "token " + owner.tokens().get(0) : "tokens " + owner.tokens();
            dynoj.out.println("  " + where + "  " + label(owner) + "  " + held);
        }
    }

    /** Every rack, the local datacenter's first. */
    private static List<Rack> racks(Topology topology) {
        List<Rack> racks = new ArrayList<>(topology.localDcRacks());
        topology.remoteDcs().values().forEach(racks::addAll);
        return racks;
    }

    private static String label(ClusterNode node) {
        return node.peerAddress().port() == 0 ? node.peerAddress().host() : node.peerAddress().toString();
    }

    /** One rack of nodes named node1, node2... holding the given tokens. */
    private static Topology ring(List<Long> tokens) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            long token = tokens.get(i);
            if (token < 0 || token > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("token " + token + " is not a 32-bit unsigned integer");
            }
            nodes.add(new ClusterNode("dc", "ring", new HostPort("node" + (i + 1), 0), List.of(token), i == 0));
        }
        return new Topology(1, nodes);
    }
}
