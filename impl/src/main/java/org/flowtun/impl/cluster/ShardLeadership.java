/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.cluster;

import akka.actor.ActorRef;
import akka.dispatch.OnComplete;
import akka.pattern.Patterns;
import akka.util.Timeout;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.opendaylight.controller.cluster.datastore.DistributedDataStoreInterface;
import org.opendaylight.controller.cluster.datastore.messages.MakeLeaderLocal;
import org.opendaylight.controller.cluster.datastore.utils.ActorUtils;
import org.opendaylight.controller.cluster.raft.client.messages.FollowerInfo;
import org.opendaylight.controller.cluster.raft.client.messages.GetOnDemandRaftState;
import org.opendaylight.controller.cluster.raft.client.messages.OnDemandRaftState;
import org.opendaylight.controller.cluster.raft.messages.RequestLeadership;
import org.opendaylight.yangtools.concepts.AbstractRegistration;
import org.opendaylight.yangtools.concepts.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.Future;
import scala.concurrent.duration.FiniteDuration;

/**
 * Keeps the leadership of the shard that holds flowtun's data (the default shard, configuration and operational) on
 * the member that runs flowtun's jobs. Only the shard leader's member validates a commit (OpenDaylight asks the commit
 * cohorts registered on the leader's replica), and only the member that runs the jobs knows which key-allocation
 * writes are flowtun's own: with the leadership there, the key-allocations guard decides every commit. It also
 * shortens flowtun's paths: the jobs hear a change as soon as it commits, and their writes are not forwarded.
 *
 * <p>While {@link #keepHere}'s registration is open, this member's replicas ask for the leadership at once and again
 * every {@link #CHECK_SECONDS} (a replica that leads already answers at once; after a leader's death the shard may
 * elect another member), but only while this member may write ({@link WriteFence}): a member resumed after a pause
 * still holds the registration of its term for a moment, and its replicas are behind. Asking then is harmful, not
 * only useless: the leader pauses for the transfer and announces "no leader"; when the behind replica then fails to
 * win the election, OpenDaylight 2.0 (the transfer's timeout counts as success) does not announce the leader again,
 * and writes through the leader's member fail with "no leader" until the leadership next changes (seen in ClusterIT:
 * 80 s of failed lport-state writes after a pause).
 *
 * <p>Every other shard goes the other way: in the same checks, each one this member leads (the entity-ownership
 * shard, OpenFlowPlugin's inventory, the topology of the OVSDB southbound) is handed to a follower that is up to date.
 * The entity-ownership shard's leader is the one that gives the jobs (and the switches' mastership) to another member
 * when their member dies, and a switch's new master is ready only once its inventory is written: had the jobs' member
 * led them too (the first member up leads every shard), the survivors would first have to elect new leaders (one
 * election round, more when two of them split the vote) before the jobs, and the switches, could move.
 */
public final class ShardLeadership implements AutoCloseable {
    static final String SHARD = "default";
    /** The shard of MD-SAL's entity ownership service (operational datastore). */
    static final String OWNERSHIP_SHARD = "entity-ownership";
    static final long CHECK_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ShardLeadership.class);
    private static final Timeout TIMEOUT = new Timeout(FiniteDuration.create(10, TimeUnit.SECONDS));

    private final List<ActorUtils> datastores;
    private final ActorUtils operational;
    /** Per datastore, whether the last request found or made this member the leader. */
    private final Map<String, Boolean> leadsHere = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("flowtun-shard-leadership").setDaemon(true).build());

    public ShardLeadership(final DistributedDataStoreInterface configuration,
            final DistributedDataStoreInterface operational) {
        this.datastores = List.of(configuration.getActorUtils(), operational.getActorUtils());
        this.operational = operational.getActorUtils();
    }

    /**
     * Moves the default shard's leadership here and keeps it here, and every other shard's away, until the
     * registration is closed, acting only while {@code mayWrite} holds; the default shard's leadership is asked for
     * only while {@code quiet} holds too (no client write seen lately: a leader paused for a transfer can lose a
     * write in flight, whose client then waits for OpenDaylight's 30 s commit timeout).
     */
    public Registration keepHere(final BooleanSupplier mayWrite, final BooleanSupplier quiet) {
        final ScheduledFuture<?> checks = executor.scheduleWithFixedDelay(() -> {
            if (mayWrite.getAsBoolean()) {
                if (quiet.getAsBoolean()) {
                    askForLeadership();
                }
                handOtherShardsAway();
            }
        }, 0, CHECK_SECONDS, TimeUnit.SECONDS);
        return new AbstractRegistration() {
            @Override
            protected void removeRegistration() {
                checks.cancel(false);
                leadsHere.clear();
            }
        };
    }

    private void askForLeadership() {
        for (ActorUtils datastore : datastores) {
            withLocalReplica(datastore, SHARD, replica -> requestLeadership(datastore, datastore.getDataStoreName(),
                replica));
        }
    }

    /** Runs {@code action} with this member's replica of the shard once it is found (not at all if there is none). */
    private static void withLocalReplica(final ActorUtils datastore, final String shard,
            final Consumer<ActorRef> action) {
        datastore.findLocalShardAsync(shard).onComplete(new OnComplete<ActorRef>() {
            @Override
            public void onComplete(final Throwable failure, final ActorRef replica) {
                if (failure != null) {
                    LOG.debug("No local replica of the {} {} shard", datastore.getDataStoreName(), shard, failure);
                } else {
                    action.accept(replica);
                }
            }
        }, datastore.getClientDispatcher());
    }

    private void requestLeadership(final ActorUtils datastore, final String store, final ActorRef shard) {
        final long start = System.nanoTime();
        final Future<Object> reply = datastore.executeOperationAsync(shard, MakeLeaderLocal.INSTANCE, TIMEOUT);
        reply.onComplete(new OnComplete<Object>() {
            @Override
            public void onComplete(final Throwable failure, final Object result) {
                final Boolean before = leadsHere.put(store, failure == null);
                if (failure != null && !Boolean.FALSE.equals(before)) {
                    LOG.info("The {} {} shard's leadership stays elsewhere for now: {}", store, SHARD,
                        failure.getMessage());
                } else if (failure == null && !Boolean.TRUE.equals(before)) {
                    LOG.info("This member leads the {} {} shard ({} ms to get there)", store, SHARD,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                }
            }
        }, datastore.getClientDispatcher());
    }

    /** Hands away the leadership of every shard but the default one that this member leads. */
    private void handOtherShardsAway() {
        for (ActorUtils datastore : datastores) {
            final Set<String> shards = new TreeSet<>(datastore.getConfiguration().getAllShardNames());
            if (datastore == operational) {
                shards.add(OWNERSHIP_SHARD);
            }
            shards.remove(SHARD);
            shards.forEach(shard -> handAway(datastore, shard));
        }
    }

    private void handAway(final ActorUtils datastore, final String shard) {
        final String store = datastore.getDataStoreName();
        withLocalReplica(datastore, shard, replica -> datastore.executeOperationAsync(replica,
            GetOnDemandRaftState.INSTANCE, TIMEOUT).onComplete(new OnComplete<Object>() {
                @Override
                public void onComplete(final Throwable failure, final Object state) {
                    if (failure != null || !(state instanceof OnDemandRaftState)) {
                        LOG.debug("No state of the {} {} shard", store, shard, failure);
                        return;
                    }
                    successor((OnDemandRaftState) state).ifPresent(peer -> handOver(datastore, store, shard,
                        replica, peer));
                }
            }, datastore.getClientDispatcher()));
    }

    /**
     * The follower to hand a shard's leadership to when this replica leads it: a voting follower heard from lately,
     * whose address this replica knows, that has every committed entry (the first by name when several do), or none
     * when this replica does not lead.
     */
    static Optional<String> successor(final OnDemandRaftState state) {
        if (!"Leader".equals(state.getRaftState())) {
            return Optional.empty();
        }
        return state.getFollowerInfoList().stream()
            .filter(follower -> follower.isActive() && follower.isVoting()
                && follower.getMatchIndex() >= state.getCommitIndex()
                && state.getPeerAddresses().get(follower.getId()) != null)
            .map(FollowerInfo::getId)
            .min(Comparator.naturalOrder());
    }

    /**
     * Asks this member's replica, the leader, to transfer its leadership to {@code peer} (a local message: the
     * follower's own {@link MakeLeaderLocal} cannot be sent to another member, it is not serializable).
     */
    private void handOver(final ActorUtils datastore, final String store, final String shard, final ActorRef leader,
            final String peer) {
        final long start = System.nanoTime();
        Patterns.askWithReplyTo(leader, replyTo -> new RequestLeadership(peer, replyTo), TIMEOUT)
            .onComplete(new OnComplete<Object>() {
                @Override
                public void onComplete(final Throwable failure, final Object result) {
                    if (failure != null) {
                        LOG.info("The {} {} shard's leadership stays here for now ({} did not take it: {})", store,
                            shard, peer, failure.getMessage());
                    } else {
                        LOG.info("This member handed the {} {} shard's leadership to {} ({} ms)", store, shard,
                            peer, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                    }
                }
            }, datastore.getClientDispatcher());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
