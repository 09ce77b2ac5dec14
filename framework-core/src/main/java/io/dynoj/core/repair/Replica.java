package io.dynoj.core.repair;

import io.dynoj.core.peer.PeerLinks;
import io.dynoj.core.spi.RangeStore.Entry;
import io.dynoj.core.spi.RangeStore.KeyDigest;
import io.dynoj.core.spi.TokenRange;
import io.dynoj.core.topology.ClusterNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica of a range as a repair run sees it: this node (its {@link RangeOps}, called directly) or a
 * peer (the same operations as STREAM frames through {@link PeerLinks}). Every call blocks the repair
 * thread until answered; a peer that does not answer within {@link #TIMEOUT} fails the call, other
 * failures are retried.
 */
final class Replica {

    /** A scan of a large range on a loaded node takes long; a dead peer is noticed sooner by its link. */
    static final Duration TIMEOUT = Duration.ofMinutes(5);
    static final int ATTEMPTS = 4;
    private static final Logger log = LoggerFactory.getLogger(Replica.class);

    private final ClusterNode node;
    private final RangeOps local;
    private final PeerLinks peers;

    private Replica(ClusterNode node, RangeOps local, PeerLinks peers) {
        this.node = node;
        this.local = local;
        this.peers = peers;
    }

    static Replica local(ClusterNode self, RangeOps ops) {
        return new Replica(self, ops, null);
    }

    static Replica peer(ClusterNode node, PeerLinks peers) {
        return new Replica(node, null, peers);
    }

    ClusterNode node() {
        return node;
    }

    MerkleTree tree(TokenRange range, int depth) {
        return local != null ? local.tree(range, depth)
                : call(() -> StreamCodec.tree(alloc(), range, depth), StreamCodec::decodeTree);
    }

    /** This node's tree, as deep as its key count asks; only for the local replica. */
    MerkleTree treeSized(TokenRange range, int keysPerLeaf) {
        if (local == null) {
            throw new IllegalStateException("only this node sizes its own tree");
        }
        return local.treeSized(range, keysPerLeaf);
    }

    List<KeyDigest> keys(TokenRange range, int depth, List<Integer> leaves) {
        return local != null ? local.keys(range, depth, leaves.stream().mapToInt(Integer::intValue).toArray())
                : call(() -> StreamCodec.keys(alloc(), range, depth, leaves), StreamCodec::decodeDigests);
    }

    List<Entry> export(List<byte[]> keys) {
        return local != null ? local.export(keys)
                : call(() -> StreamCodec.keyList(alloc(), StreamCodec.EXPORT, keys), StreamCodec::entries);
    }

    int importEntries(List<Entry> entries) {
        return local != null ? local.importEntries(entries)
                : call(() -> StreamCodec.importing(alloc(), entries), StreamCodec::count);
    }

    int delete(List<byte[]> keys) {
        return local != null ? local.delete(keys)
                : call(() -> StreamCodec.keyList(alloc(), StreamCodec.DELETE, keys), StreamCodec::count);
    }

    /**
     * Sends a request built by {@code request} and waits for its answer. Every operation is idempotent
     * (reads, imports that replace, deletes), so a failed one is sent again, up to {@link #ATTEMPTS} times
     * with a growing pause: a peer judged DOWN for a moment (a long GC, a loaded machine) fails the
     * requests waiting for it, and a repair of a million keys should not start over for that.
     */
    private <T> T call(Supplier<ByteBuf> request, Function<ByteBuf, T> decoder) {
        for (int attempt = 1; ; attempt++) {
            try {
                return peers.stream(node, request.get(), decoder, TIMEOUT)
                        .get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException(node.name() + ": " + e.getCause().getMessage(), e.getCause());
                }
                log.info("repair: {} failed ({}); again in {} s", node.name(), e.getCause().getMessage(), attempt);
                pause(attempt * 1000L);
            } catch (TimeoutException e) {
                throw new IllegalStateException(node.name() + " did not answer within " + TIMEOUT.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("repair interrupted");
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the repair thread's own back-off before asking again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("repair interrupted");
        }
    }

    private static ByteBufAllocator alloc() {
        return ByteBufAllocator.DEFAULT;
    }

    @Override
    public String toString() {
        return node.name();
    }
}
