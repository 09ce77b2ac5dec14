package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.spi.BlockingRequest;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.topology.Topology;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The blocking requests (BLPOP...) this node serves as their keys' primary, parked on their keys' lanes
 * ({@link PrimaryWrites}) by key hash: every write to a hash that passes its lane wakes the requests waiting
 * on that hash, oldest first, so the one that has waited longest takes what was written, as in Redis. No
 * datastore connection waits: a parked request is only an entry here and a timer.
 *
 * <p>Each lane's map is used on that lane's event loop only.
 */
final class BlockedPops {

    private final Replicator replicator;
    private final EventLoop[] lanes;
    /** Each lane's effects still to come, which the attempts' effects must wait behind, as every write's. */
    private final LateEffects[] late;
    private final List<Map<Long, List<BlockedPop>>> waiting = new ArrayList<>();

    BlockedPops(Replicator replicator, EventLoop[] lanes, LateEffects[] late) {
        this.replicator = replicator;
        this.lanes = lanes;
        this.late = late;
        for (int i = 0; i < lanes.length; i++) {
            waiting.add(new HashMap<>());
        }
    }

    /** On lane {@code lane}: serves {@code blocking} for {@code client}; the client gets one answer. */
    void start(int lane, Topology topology, long hash, ConsistencyLevel level, int awaitedRack, boolean toOtherDcs,
               BlockingRequest blocking, ReplySink client) {
        BlockedPop pop = new BlockedPop(this, replicator, topology, hash, level, awaitedRack, toOtherDcs, blocking,
                client, lanes[lane], lane, late[lane]);
        waiting.get(lane).computeIfAbsent(hash, h -> new ArrayList<>()).add(pop);
        pop.start();
    }

    /** On lane {@code lane}, after a write to {@code hash} started there: wakes what waits on it. */
    void written(int lane, long hash) {
        Map<Long, List<BlockedPop>> byHash = waiting.get(lane);
        if (byHash.isEmpty()) {
            return; // every write passes here: no boxing, no lookup while nothing waits
        }
        List<BlockedPop> pops = byHash.get(hash);
        if (pops != null) {
            for (BlockedPop pop : List.copyOf(pops)) {
                pop.wake();
            }
        }
    }

    /** On the lane: {@code pop} is answered and waits no more. */
    void remove(int lane, BlockedPop pop) {
        Map<Long, List<BlockedPop>> byHash = waiting.get(lane);
        List<BlockedPop> pops = byHash.get(pop.hash());
        if (pops != null && pops.remove(pop) && pops.isEmpty()) {
            byHash.remove(pop.hash());
        }
    }
}
