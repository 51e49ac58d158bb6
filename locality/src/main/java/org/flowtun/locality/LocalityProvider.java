/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flowtun.api.LocalityService;
import org.flowtun.api.TunnelPortService;
import org.flowtun.impl.ListChangeListener;
import org.flowtun.impl.cache.ChassisCache;
import org.flowtun.impl.config.FlowtunConfigSource;
import org.flowtun.impl.flow.FlowAuditSchedule;
import org.flowtun.impl.flow.FlowReconciler;
import org.flowtun.impl.flow.FlowRemovedListener;
import org.flowtun.impl.flow.FlowWriter;
import org.flowtun.impl.flow.OpenFlowConnections;
import org.flowtun.impl.health.HealthReport;
import org.flowtun.impl.health.SwitchFailures;
import org.flowtun.impl.metrics.FlowtunMetrics;
import org.flowtun.impl.metrics.ReconcilerMetrics;
import org.flowtun.impl.ovsdb.SwitchStateCache;
import org.flowtun.impl.validation.KeyAllocationsGuard;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.ChassisRegistry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.keys.rev261122.KeyAllocations;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.FloatingIps;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.floating.ips.FloatingIp;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.Lports;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.Lport;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.Networks;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.Subnets;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.Network;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.subnets.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.Trunks;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.Trunk;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the locality service: the caches' listeners, the engine and its apps, the flow reconciler over
 * OpenFlowPlugin's RPCs, and the publisher. Owns their lifecycle, nothing more.
 */
public final class LocalityProvider implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalityProvider.class);
    /** How long without a change of flowtun's configuration before clients count as quiet. */
    static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final DataBroker dataBroker;
    private final SwitchStateCache switches;
    private final OpenFlowConnections openFlowConnections;
    private final ChassisCache chassisCache;
    private final TunnelPortService tunnelPorts;
    private final FlowtunConfigSource configSource;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("flowtun-locality").setDaemon(true).build());
    private final LocalityPublisher publisher;
    private final KeyStore keyStore;
    private final LocalityEngine engine;
    private final FlowDiagnostics diagnostics;
    private final NotificationService notificationService;
    private final FlowReconciler<LocalityFlowOwner> reconciler;
    private final FlowAuditSchedule auditSchedule;
    private final List<AutoCloseable> registrations = new ArrayList<>();
    private final HealthReport health;
    private final ReconcilerMetrics reconcilerMetrics;
    private final LocalityMetrics localityMetrics;

    public LocalityProvider(final DataBroker dataBroker, final NotificationPublishService notifications,
            final NotificationService notificationService, final FlowWriter writer,
            final SwitchStateCache switches, final OpenFlowConnections openFlowConnections,
            final ChassisCache chassisCache, final TunnelPortService tunnelPorts,
            final FlowtunConfigSource configSource, final KeyAllocationsGuard keyAllocationsGuard,
            final FlowtunMetrics metrics, final HealthReport localityHealth, final HealthReport flowsHealth,
            final boolean sealSwitches) {
        this.health = requireNonNull(localityHealth);
        this.dataBroker = requireNonNull(dataBroker);
        this.notificationService = requireNonNull(notificationService);
        this.switches = requireNonNull(switches);
        this.openFlowConnections = requireNonNull(openFlowConnections);
        this.chassisCache = requireNonNull(chassisCache);
        this.tunnelPorts = requireNonNull(tunnelPorts);
        this.configSource = requireNonNull(configSource);
        // both confined to the locality thread: the engine allocates, the publisher reads them into the view
        final KeyAllocator lportKeys = new KeyAllocator("lport tunnel");
        final KeyAllocator networkKeys = new KeyAllocator("network");
        this.publisher = new LocalityPublisher(dataBroker, notifications, lportKeys, networkKeys,
            () -> executor.execute(this::rewriteState));
        // after a failed write the engine has its next batch write every allocation again
        this.keyStore = new KeyStore(dataBroker, keyAllocationsGuard, this::rewriteKeys, localityHealth);
        final Announcer announcer = new Announcer(executor, publisher);
        this.reconcilerMetrics = new ReconcilerMetrics(metrics);
        final SwitchFailures switchFailures = new SwitchFailures(flowsHealth);
        this.reconciler = new FlowReconciler<>(writer, executor, (node, owner) -> owner.flowsInstalled(node,
            announcer), FlowReconciler.Observer.both(reconcilerMetrics, switchFailures));
        if (sealSwitches) {
            // another member may take the switches over: it keeps what their seals vouch for
            reconciler.sealSwitches();
        }
        this.engine = new LocalityEngine(executor, lportKeys, networkKeys, publisher, keyStore, reconciler,
            announcer);
        this.localityMetrics = new LocalityMetrics(metrics, engine, reconciler, executor);
        engine.observeBatches(localityMetrics::batchDone);
        executor.execute(switchFailures::start);
        this.auditSchedule = new FlowAuditSchedule(executor, reconciler);
        this.diagnostics = new SwitchFlowDiagnostics(executor, reconciler, writer,
            engine::unreachablePhysicalNetworks);
    }

    public void init() {
        // Listeners first, then one read of the state at start: the engine keeps what the listeners deliver
        // meanwhile (it is newer) and places nothing before the read is in.
        registrations.add(configSource.register(engine::configurationChanged));
        registrations.add(ListChangeListener.register(dataBroker,
            InstanceIdentifier.create(Networks.class).child(Network.class), engine::networkChanged));
        registrations.add(ListChangeListener.register(dataBroker,
            InstanceIdentifier.create(Lports.class).child(Lport.class), engine::lportChanged));
        registrations.add(ListChangeListener.register(dataBroker,
            InstanceIdentifier.create(Routers.class).child(Router.class), engine::routerChanged));
        registrations.add(ListChangeListener.register(dataBroker,
            InstanceIdentifier.create(FloatingIps.class).child(FloatingIp.class), engine::floatingIpChanged));
        registrations.add(ListChangeListener.register(dataBroker,
            InstanceIdentifier.create(Trunks.class).child(Trunk.class), engine::trunkChanged));
        registrations.add(ListChangeListener.register(dataBroker,
            InstanceIdentifier.create(Subnets.class).child(Subnet.class), engine::subnetChanged));
        registrations.add(chassisCache.registerListener(engine::chassisChanged));
        registrations.add(switches.register(engine));
        registrations.add(tunnelPorts.registerListener(engine));
        registrations.add(openFlowConnections.register(new OpenFlowConnections.Listener() {
            @Override
            public void connected(final String openflowNodeId) {
                engine.openflowConnected(openflowNodeId);
            }

            @Override
            public void reconnected(final String openflowNodeId) {
                engine.openflowReconnected(openflowNodeId);
            }

            @Override
            public void disconnected(final String openflowNodeId) {
                engine.openflowDisconnected(openflowNodeId);
            }
        }));
        registrations.add(notificationService.registerNotificationListener(
            new FlowRemovedListener(executor, reconciler::flowRemoved)));
        registrations.add(configSource.register(auditSchedule));
        registrations.add(auditSchedule);
        readInitialState();
        LOG.info("flowtun locality service started; reading the state at start");
    }

    private void readInitialState() {
        final FluentFuture<Optional<KeyAllocations>> keys = keyStore.read();
        final FluentFuture<Optional<Lports>> lports;
        final FluentFuture<Optional<Networks>> networks;
        final FluentFuture<Optional<ChassisRegistry>> chassis;
        final FluentFuture<Optional<Routers>> routers;
        final FluentFuture<Optional<FloatingIps>> fips;
        final FluentFuture<Optional<Trunks>> trunks;
        final FluentFuture<Optional<Subnets>> subnets;
        try (ReadTransaction tx = dataBroker.newReadOnlyTransaction()) {
            lports = tx.read(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(Lports.class));
            networks = tx.read(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(Networks.class));
            chassis = tx.read(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(ChassisRegistry.class));
            routers = tx.read(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(Routers.class));
            fips = tx.read(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(FloatingIps.class));
            trunks = tx.read(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(Trunks.class));
            subnets = tx.read(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(Subnets.class));
        }
        final var all = Futures.allAsList(keys, lports, networks, chassis, routers, fips, trunks, subnets);
        Futures.addCallback(all, new FutureCallback<Object>() {
            @Override
            public void onSuccess(final Object result) {
                final Optional<KeyAllocations> allocations = Futures.getUnchecked(keys);
                engine.initialDataRead(new InitialState(allocations.map(KeyStore::lportKeys).orElse(Map.of()),
                    allocations.map(KeyStore::networkKeys).orElse(Map.of()),
                    values(Futures.getUnchecked(lports).map(Lports::getLport)),
                    values(Futures.getUnchecked(networks).map(Networks::getNetwork)),
                    values(Futures.getUnchecked(chassis).map(ChassisRegistry::getChassis)),
                    values(Futures.getUnchecked(routers).map(Routers::getRouter)),
                    values(Futures.getUnchecked(fips).map(FloatingIps::getFloatingIp)),
                    values(Futures.getUnchecked(trunks).map(Trunks::getTrunk)),
                    values(Futures.getUnchecked(subnets).map(Subnets::getSubnet))));
                // queued after the state at start is applied, on the locality thread
                executor.execute(LocalityProvider.this::started);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.error("Could not read the state at start; retrying", cause);
                executor.schedule(LocalityProvider.this::readInitialState, 1, TimeUnit.SECONDS);
            }
        }, MoreExecutors.directExecutor());
    }

    private void started() {
        health.operational(LocalityHealth.OPERATIONAL);
    }

    private static <K, V> Collection<V> values(final Optional<Map<K, V>> map) {
        return map.map(Map::values).orElse(List.of());
    }

    /**
     * Whether clients have not changed flowtun's configuration for a while (see {@link #QUIET_NANOS}): moving a shard's
     * leadership now is unlikely to catch a client's write in flight. Any thread.
     */
    public boolean clientsQuiet() {
        return engine.quietFor(QUIET_NANOS);
    }

    public LocalityService localityService() {
        return publisher;
    }

    public FlowDiagnostics flowDiagnostics() {
        return diagnostics;
    }

    private void rewriteState() {
        publisher.rewriteAll();
    }

    private void rewriteKeys() {
        engine.keysRewriteNeeded();
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public void close() {
        for (AutoCloseable registration : registrations) {
            try {
                registration.close();
            } catch (Exception e) {
                LOG.warn("Failed to close {}", registration, e);
            }
        }
        executor.shutdownNow();
        publisher.close();
        keyStore.close();
        localityMetrics.close();
        reconcilerMetrics.close();
    }
}
