/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.flowtun.api.LocalityChange;
import org.flowtun.api.LocalityListener;
import org.flowtun.api.LocalityService;
import org.flowtun.api.TunnelPortService;
import org.flowtun.impl.cache.ChassisCache;
import org.flowtun.impl.cluster.ClusterMember;
import org.flowtun.impl.cluster.JobsOwnership;
import org.flowtun.impl.cluster.ShardLeadership;
import org.flowtun.impl.cluster.SingletonJob;
import org.flowtun.impl.cluster.WriteFence;
import org.flowtun.impl.config.FlowtunConfigSource;
import org.flowtun.impl.flow.FencedFlowWriter;
import org.flowtun.impl.flow.FlowWriter;
import org.flowtun.impl.flow.OpenFlowConnections;
import org.flowtun.impl.health.HealthReport;
import org.flowtun.impl.metrics.FlowtunMetrics;
import org.flowtun.impl.ovsdb.SwitchStateCache;
import org.flowtun.impl.validation.KeyAllocationsGuard;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.opendaylight.mdsal.singleton.common.api.ClusterSingletonServiceProvider;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * The locality service as a cluster singleton (Blueprint bean): each time this member takes flowtun's jobs over,
 * a fresh {@link LocalityProvider} starts from the datastore's state (keys kept) and makes every switch exact;
 * when the jobs move away it is closed, and this member guards the key allocations no more. The
 * {@link LocalityService} and {@link FlowDiagnostics} it offers stay the same across terms: locality listeners
 * hear the events of whichever term runs here, and diagnostics answer on the member that runs the jobs.
 */
public final class LocalityJob implements LocalityService, LocalityListener, FlowDiagnostics, AutoCloseable {
    /** A fresh locality service, from the datastore's state: one per term. */
    private final Supplier<LocalityProvider> newTerm;
    private final KeyAllocationsGuard keyAllocationsGuard;
    private final HealthReport localityHealth;
    private final HealthReport flowsHealth;
    private final ClusterSingletonServiceProvider singletons;
    private final JobsOwnership ownership;
    private final ClusterMember member;
    private final ShardLeadership shardLeadership;
    private final List<LocalityListener> listeners = new CopyOnWriteArrayList<>();
    private final WriteFence fence = new WriteFence();
    private volatile LocalityProvider provider;
    private Registration registration;
    private Registration roleRegistration;

    @SuppressWarnings("checkstyle:ParameterNumber")
    public LocalityJob(final DataBroker dataBroker, final NotificationPublishService notifications,
            final NotificationService notificationService, final FlowWriter writer,
            final SwitchStateCache switches, final OpenFlowConnections openFlowConnections,
            final ChassisCache chassisCache, final TunnelPortService tunnelPorts,
            final FlowtunConfigSource configSource, final KeyAllocationsGuard keyAllocationsGuard,
            final FlowtunMetrics metrics, final HealthReport localityHealth, final HealthReport flowsHealth,
            final ClusterSingletonServiceProvider singletons, final JobsOwnership ownership,
            final ClusterMember member, final ShardLeadership shardLeadership) {
        this.keyAllocationsGuard = requireNonNull(keyAllocationsGuard);
        this.localityHealth = requireNonNull(localityHealth);
        this.flowsHealth = requireNonNull(flowsHealth);
        // a term writes through the fence: nothing from a member that was stopped a moment ago
        this.newTerm = () -> new LocalityProvider(dataBroker, notifications, notificationService,
            new FencedFlowWriter(writer, fence::open), switches, openFlowConnections, chassisCache, tunnelPorts,
            configSource, keyAllocationsGuard, metrics, localityHealth, flowsHealth, member.clustered());
        this.singletons = requireNonNull(singletons);
        this.ownership = requireNonNull(ownership);
        this.member = requireNonNull(member);
        this.shardLeadership = requireNonNull(shardLeadership);
    }

    public void init() {
        roleRegistration = ownership.register(this::roleChanged);
        registration = SingletonJob.register(singletons, "locality service", this::start);
    }

    private SingletonJob.Term start() {
        final Registration guard = keyAllocationsGuard.guardHere();
        final LocalityProvider term = newTerm.get();
        // the lports' shard is moved here while clients are quiet (a write in flight on its leader when the leader
        // pauses for the transfer can be lost in OpenDaylight 2.0, and its client then waits 30 s), or at the latest a
        // minute into the term: the key-allocations guard decides commits only where the shard is led
        final long began = System.nanoTime();
        final Registration leadership = shardLeadership.keepHere(fence::open,
            () -> term.clientsQuiet() || System.nanoTime() - began >= LEADERSHIP_WAIT_NANOS);
        final Registration forwarding = term.localityService().registerListener(this);
        term.init();
        provider = term;
        member.recordJobsTakenOver();
        return () -> {
            provider = null;
            forwarding.close();
            term.close();
            guard.close();
            leadership.close();
            roleChanged(ownership.role());
        };
    }

    /** A member that does not run the jobs is healthy when another one does. */
    private void roleChanged(final JobsOwnership.Role role) {
        if (role == JobsOwnership.Role.ELSEWHERE && provider == null) {
            localityHealth.operational(STANDING_BY);
            flowsHealth.operational(STANDING_BY);
        }
    }

    /** How long a term waits, at most, for quiet clients before it moves the lports' shard here all the same. */
    static final long LEADERSHIP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final String STANDING_BY = "standing by: another cluster member runs the locality service";

    @Override
    public Registration registerListener(final LocalityListener listener) {
        listeners.add(requireNonNull(listener));
        return () -> listeners.remove(listener);
    }

    @Override
    public void onLocalityChanged(final LocalityChange change) {
        listeners.forEach(listener -> listener.onLocalityChanged(change));
    }

    @Override
    public ListenableFuture<Map<String, NodeSummary>> nodeSummaries() {
        final LocalityProvider current = provider;
        return current == null ? notHere() : current.flowDiagnostics().nodeSummaries();
    }

    @Override
    public ListenableFuture<Report> check(final String node) {
        final LocalityProvider current = provider;
        return current == null ? notHere() : current.flowDiagnostics().check(node);
    }

    private <T> ListenableFuture<T> notHere() {
        return Futures.immediateFailedFuture(new NotRunningHereException(member.name()));
    }

    @Override
    public void close() {
        if (registration != null) {
            registration.close();
        }
        fence.close();
        if (roleRegistration != null) {
            roleRegistration.close();
        }
    }
}
