/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.tunnel;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.flowtun.api.TunnelPortService;
import org.flowtun.impl.cache.ChassisCache;
import org.flowtun.impl.cluster.SingletonJob;
import org.flowtun.impl.config.FlowtunConfig;
import org.flowtun.impl.config.FlowtunConfigSource;
import org.flowtun.impl.health.HealthReport;
import org.flowtun.impl.metrics.FlowtunMetrics;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbSwitch;
import org.flowtun.impl.ovsdb.OvsdbTopology;
import org.flowtun.impl.ovsdb.SwitchStateCache;
import org.flowtun.impl.ovsdb.SwitchStateListener;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.singleton.common.api.ClusterSingletonServiceProvider;
import org.opendaylight.yangtools.concepts.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tunnel manager (Blueprint bean): keeps every connected node's integration bridge and virtual tunnel
 * ports as configured, registers nodes' chassis and tracks the tunnel ports' ofports. Switch state and
 * configuration changes are handed to one thread, where the reconciler, registrar and registry run; the
 * listeners' threads never wait.
 *
 * <p>In a cluster every member hears the switches and keeps the registry (the locality service reads it), but only
 * the member that runs flowtun's jobs (a cluster singleton) writes: the nodes' OVSDB configuration, the chassis
 * registry and {@code flowtun-state:tunnel-ports}. When it takes over it reconciles every node once.
 */
public final class TunnelManager implements SwitchStateListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelManager.class);

    private final SwitchStateCache switches;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("flowtun-tunnel-manager").setDaemon(true).build());
    private final TunnelPortReconciler reconciler;
    private final ChassisRegistrar registrar;
    private final TunnelPortRegistry registry;
    /** Null until ConfigAdmin has delivered the configuration: nothing is reconciled against a guess. */
    private volatile FlowtunConfig config;
    private final FlowtunConfigSource configSource;
    private Registration registration;
    private Registration configRegistration;
    private final FlowtunMetrics metrics;
    private final TunnelPortMetrics tunnelPortMetrics;
    private final HealthReport health;
    private final ClusterSingletonServiceProvider singletons;
    private Registration jobRegistration;
    /** Whether this member runs the tunnel manager's writes; confined to the tunnel manager's thread. */
    private boolean owner;

    public TunnelManager(final DataBroker dataBroker, final SwitchStateCache switches,
            final ChassisCache chassisCache, final FlowtunConfigSource configSource, final FlowtunMetrics metrics,
            final HealthReport health, final ClusterSingletonServiceProvider singletons) {
        this.singletons = requireNonNull(singletons);
        this.metrics = requireNonNull(metrics);
        this.health = requireNonNull(health);
        this.configSource = requireNonNull(configSource);
        this.switches = requireNonNull(switches);
        this.reconciler = new TunnelPortReconciler(switches, new OvsdbConfigWriter(dataBroker));
        this.registrar = new ChassisRegistrar(dataBroker, chassisCache);
        this.registry = new TunnelPortRegistry(dataBroker);
        this.tunnelPortMetrics = new TunnelPortMetrics(registry);
    }

    public void init() {
        registration = switches.register(this);
        configRegistration = configSource.register(this::configurationChanged);
        metrics.register(tunnelPortMetrics);
        jobRegistration = SingletonJob.register(singletons, "tunnel manager", this::takeOver);
        LOG.info("flowtun tunnel manager started; waiting for the {} configuration", FlowtunConfig.PID);
        health.operational("listening to the switches and the configuration");
    }

    /** This member runs the tunnel manager's writes from now on: every node is reconciled once. */
    private SingletonJob.Term takeOver() {
        executor.execute(() -> {
            owner = true;
            registry.startPublishing();
            if (config != null) {
                reconcileAll(config);
            }
        });
        return this::handOver;
    }

    /** Another member takes over: nothing more is written from here once this returns. */
    private void handOver() {
        try {
            executor.submit(() -> {
                owner = false;
                registry.stopPublishing();
                reconciler.forgetAll();
            }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Stopping the tunnel manager's writes took too long", e);
        }
    }

    private void reconcileAll(final FlowtunConfig newConfig) {
        switches.switches().forEach(node -> {
            registrar.switchUpdated(newConfig, node, owner);
            reconcile(node.nodeId());
        });
    }

    public TunnelPortService tunnelPortService() {
        return registry;
    }

    /** A new valid configuration: every node is reconciled against it. */
    public void configurationChanged(final FlowtunConfig newConfig) {
        executor.execute(() -> {
            if (newConfig.equals(config)) {
                return;
            }
            config = newConfig;
            reconcileAll(newConfig);
        });
    }

    /** The configuration in force (the defaults until the first one arrives). */
    public FlowtunConfig configuration() {
        final FlowtunConfig current = config;
        return current == null ? FlowtunConfig.DEFAULT : current;
    }

    @Override
    public void switchUpdated(final OvsdbSwitch node) {
        executor.execute(() -> {
            registry.switchUpdated(node);
            if (config != null) {
                registrar.switchUpdated(config, node, owner);
                reconcile(node.nodeId());
            }
        });
    }

    @Override
    public void switchRemoved(final String switchNodeId) {
        executor.execute(() -> {
            LOG.info("{}: disconnected", switchNodeId);
            reconciler.forget(switchNodeId);
            registrar.switchRemoved(switchNodeId);
            registry.switchRemoved(switchNodeId);
        });
    }

    @Override
    public void bridgeUpdated(final OvsdbBridge bridge) {
        executor.execute(() -> {
            if (bridge.name().equals(configuration().integrationBridge())) {
                registry.bridgeUpdated(bridge);
            }
            // any bridge: a physical network's bridge that appears gets its patch port
            reconcile(bridge.switchNodeId());
        });
    }

    @Override
    public void bridgeRemoved(final String bridgeNodeId) {
        final String switchNodeId = OvsdbTopology.switchNodeIdOf(bridgeNodeId);
        executor.execute(() -> {
            if (switches.bridge(switchNodeId, configuration().integrationBridge()).isEmpty()) {
                registry.bridgeRemoved(switchNodeId);
            }
            reconcile(switchNodeId);
        });
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void reconcile(final String switchNodeId) {
        if (config == null || !owner) {
            return;
        }
        try {
            if (reconciler.reconcile(config, switchNodeId)) {
                executor.schedule(() -> reconcile(switchNodeId), TunnelPortReconciler.RETRY_NANOS + 1_000_000L,
                    TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: reconciliation failed", switchNodeId, e);
        }
    }

    @Override
    public void close() {
        if (jobRegistration != null) {
            jobRegistration.close();
        }
        if (configRegistration != null) {
            configRegistration.close();
        }
        if (registration != null) {
            registration.close();
        }
        executor.shutdownNow();
        registry.close();
        metrics.unregister(tunnelPortMetrics);
    }
}
