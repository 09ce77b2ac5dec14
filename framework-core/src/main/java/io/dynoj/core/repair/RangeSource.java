package io.dynoj.core.repair;

import io.dynoj.core.peer.PeerLinks;
import io.dynoj.core.spi.RangeStore.Entry;
import io.dynoj.core.spi.RangeStore.KeyDigest;
import io.dynoj.core.spi.TokenRange;
import io.dynoj.core.topology.ClusterNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A peer's ranges as another package (warm-up) reads them: the same STREAM operations a repair run sends,
 * with the same retries ({@link Replica}), answering values opaquely ({@link Entry} as the peer exported
 * it). Every call blocks the calling thread until answered and throws {@link IllegalStateException} when
 * the peer cannot answer; never call it on an event loop.
 */
public final class RangeSource {

    private final Replica replica;
    private final PeerLinks peers;

    public RangeSource(ClusterNode node, PeerLinks peers) {
        this.replica = Replica.peer(node, peers);
        this.peers = peers;
    }

    public ClusterNode node() {
        return replica.node();
    }

    /** The peer's Merkle tree of {@code range} with {@code 2^depth} leaves (one scan of its store). */
    public MerkleTree tree(TokenRange range, int depth) {
        return replica.tree(range, depth);
    }

    /** The peer's keys and digests in {@code leaves} of its tree of {@code range} at {@code depth}. */
    public List<KeyDigest> keys(TokenRange range, int depth, List<Integer> leaves) {
        return replica.keys(range, depth, leaves);
    }

    /** The peer's values of those of {@code keys} it holds. */
    public List<Entry> export(List<byte[]> keys) {
        return replica.export(keys);
    }

    /**
     * How many keys the peer holds in {@code range}, asked once (no retry) and waited for at most
     * {@code timeout}: a quick question for a node that is starting.
     */
    public long keyCount(TokenRange range, Duration timeout) {
        try {
            return peers.stream(replica.node(), StreamCodec.tree(io.netty.buffer.ByteBufAllocator.DEFAULT, range, 0),
                    StreamCodec::decodeTree, timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS).keys();
        } catch (ExecutionException e) {
            throw new IllegalStateException(node().name() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(node().name() + " did not answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    @Override
    public String toString() {
        return node().name();
    }
}
