package io.dynoj.coordinator.zookeeper;

import com.codahale.metrics.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.TransactionOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's place in ZooKeeper: its token claims and its ephemeral member znode, written together in one
 * transaction whose every step is a compare-and-set (a claim is created only if absent, changed only at
 * the version read), so two live nodes never own one token: of two nodes that race, one commits and the
 * other plans again from fresh data. Taking a departed node's claims also checks, in the same
 * transaction, that it has not registered again meanwhile (its member znode is created and deleted:
 * that fails if it exists), and a node that registers again checks its claims are still its own.
 *
 * <p>Not thread-safe: the source calls it from its one thread. Calls block on ZooKeeper.
 */
final class Registration {

    private static final Logger log = LoggerFactory.getLogger(Registration.class);
    private static final int MAX_ATTEMPTS = 100;
    private static final long POLL_MS = 100;

    private final CuratorFramework client;
    private final ClusterPaths paths;
    private final ClusterReader reader;
    private final ClaimPlanner planner;
    private final long replaceAfterMs;
    private final long duplicateWaitMs;
    private final Counter conflicts;
    /** Every ZooKeeper session this process has registered with: an old one's member is ours to remove. */
    private final Set<Long> sessions = ConcurrentHashMap.newKeySet();
    /** The session of the last registration. */
    private volatile long session;

    Registration(CuratorFramework client, ClusterPaths paths, ClaimPlanner planner, ZooKeeperSettings settings,
                 Counter conflicts) {
        this.client = client;
        this.paths = paths;
        this.reader = new ClusterReader(client, paths, false);
        this.planner = planner;
        this.replaceAfterMs = settings.replaceAfterMs();
        // A process of the same node id that died keeps its member until its session expires.
        this.duplicateWaitMs = settings.sessionTimeoutMs() * 3L / 2;
        this.conflicts = conflicts;
    }

    ClusterReader reader() {
        return reader;
    }

    /** The ZooKeeper session the member znode was last registered with (0 before). */
    long session() {
        return session;
    }

    long currentSession() throws Exception {
        return client.getZookeeperClient().getZooKeeper().getSessionId();
    }

    /**
     * Claims the node's tokens and registers {@code member} with them; answers the member as registered.
     * Throws when the node cannot join: a live process has its node id, a live node holds a configured
     * token, or the claims kept changing under it.
     */
    Member join(Member member) throws Exception {
        ensure(paths.members());
        ensure(paths.rack(member.dc(), member.rack()));
        boolean graceWaited = false;
        long duplicateSince = 0;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            ClusterState state = reader.read();
            long holder = state.session(member.nodeId());
            if (holder != 0 && !sessions.contains(holder)) {
                long now = System.currentTimeMillis();
                duplicateSince = duplicateSince == 0 ? now : duplicateSince;
                if (now - duplicateSince > duplicateWaitMs) {
                    Member other = state.members().get(member.nodeId());
                    throw new IllegalStateException("node id '" + member.nodeId() + "' is registered by another live"
                            + " process (ZooKeeper session 0x" + Long.toHexString(holder) + ", peer "
                            + other.peerAddress() + "): two nodes cannot share a node id");
                }
                Thread.sleep(POLL_MS);
                continue;
            }
            ClaimPlan plan = planner.plan(state, graceWaited);
            if (plan.kind() == ClaimPlan.Kind.REFUSE) {
                throw new IllegalStateException(plan.why());
            }
            if (plan.kind() == ClaimPlan.Kind.WAIT) {
                log.info("{}: waiting replace_after ({} ms) once before taking their tokens", plan.why(), replaceAfterMs);
                Thread.sleep(replaceAfterMs);
                graceWaited = true;
                continue;
            }
            Member registered = member.withTokens(plan.tokens());
            try {
                commit(ops(plan, registered, holder != 0));
                log.info("{} registered in ZooKeeper ({}), {}", member.nodeId(), paths.cluster(), plan.why());
                return registered;
            } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException
                     | KeeperException.NoNodeException e) {
                conflicts.inc();
                log.debug("claim attempt {} lost a race ({}); planning again", attempt, e.code());
                Thread.sleep(ThreadLocalRandom.current().nextLong(5, 50));
            }
        }
        throw new IllegalStateException("could not claim tokens in " + MAX_ATTEMPTS + " attempts: the claims of "
                + member.dc() + "/" + member.rack() + " kept changing");
    }

    /**
     * Registers {@code member} again after its session ended (its member znode went with it), holding the
     * claims that are still its own; answers the member as registered, or {@code null} when another
     * process registered this node id meanwhile. Claims taken by a replacement while the node was away
     * are not taken back: that is logged, and the node serves with what it still holds.
     */
    Member rejoin(Member member) throws Exception {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            ClusterState state = reader.read();
            long holder = state.session(member.nodeId());
            long current = currentSession();
            if (holder == current) {
                session = current;
                return member;
            }
            if (holder != 0 && !sessions.contains(holder)) {
                log.error("node id '{}' was registered by another process (session 0x{}) while this one was away from"
                        + " ZooKeeper; this node stays out of the members", member.nodeId(), Long.toHexString(holder));
                return null;
            }
            List<TokenClaim> mine = state.claims(member.dc(), member.rack()).stream()
                    .filter(c -> c.ownerId().equals(member.nodeId())).toList();
            Member registered = member.withTokens(mine.stream().map(TokenClaim::token).toList());
            List<CuratorOp> ops = new ArrayList<>();
            for (TokenClaim c : mine) {
                ops.add(client.transactionOp().check().withVersion(c.version()).forPath(claimPath(c)));
            }
            addMember(ops, registered, holder != 0);
            try {
                commit(ops);
            } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException
                     | KeeperException.NoNodeException e) {
                conflicts.inc();
                continue;
            }
            if (!registered.tokens().equals(member.tokens())) {
                log.error("{} lost tokens while away from ZooKeeper: it held {}, a replacement claimed some; it now"
                        + " holds {} (restart it to claim tokens again)", member.nodeId(), member.tokens(),
                        registered.tokens());
            }
            return registered;
        }
        throw new IllegalStateException("could not register again: the claims kept changing");
    }

    /** Rewrites this session's member znode (its ports, its state). */
    void update(Member member) throws Exception {
        client.setData().forPath(paths.member(member.nodeId()), Json.write(member));
    }

    private List<CuratorOp> ops(ClaimPlan plan, Member member, boolean replaceOwnOldMember) throws Exception {
        TransactionOp tx = client.transactionOp();
        List<CuratorOp> ops = new ArrayList<>();
        for (String departed : plan.departed()) {
            // Fails the whole transaction if the departed node registered again since the plan was made.
            ops.add(tx.create().withMode(CreateMode.PERSISTENT).forPath(paths.member(departed)));
            ops.add(tx.delete().forPath(paths.member(departed)));
        }
        byte[] owner = Json.write(new TokenClaim.Owner(member.nodeId(), member.host(), member.peerPort()));
        for (long token : plan.create()) {
            ops.add(tx.create().withMode(CreateMode.PERSISTENT).forPath(paths.claim(member.dc(), member.rack(), token), owner));
        }
        for (TokenClaim c : plan.keep()) {
            ops.add(tx.setData().withVersion(c.version()).forPath(claimPath(c), owner));
        }
        for (TokenClaim c : plan.take()) {
            ops.add(tx.setData().withVersion(c.version()).forPath(claimPath(c), owner));
        }
        for (TokenClaim c : plan.release()) {
            ops.add(tx.delete().withVersion(c.version()).forPath(claimPath(c)));
        }
        addMember(ops, member, replaceOwnOldMember);
        return ops;
    }

    private void addMember(List<CuratorOp> ops, Member member, boolean replaceOwnOldMember) throws Exception {
        String path = paths.member(member.nodeId());
        if (replaceOwnOldMember) {
            // This process's member of a session that ended: the server drops it after the session
            // timeout, but the node is back now.
            ops.add(client.transactionOp().delete().forPath(path));
        }
        ops.add(client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(path, Json.write(member)));
    }

    private void commit(List<CuratorOp> ops) throws Exception {
        long current = currentSession();
        client.transaction().forOperations(ops);
        sessions.add(current);
        session = current;
    }

    private String claimPath(TokenClaim c) {
        return paths.claim(c.dc(), c.rack(), c.token());
    }

    private void ensure(String path) throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(path);
        } catch (KeeperException.NodeExistsException e) {
            // made by another node, or by an earlier start
        }
    }
}
