/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.flowtun.api.TunnelPort;
import org.flowtun.api.TunnelPortListener;
import org.flowtun.impl.config.FlowtunConfig;
import org.flowtun.impl.flow.FlowReconciler;
import org.flowtun.impl.flow.FlowSpec;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbSwitch;
import org.flowtun.impl.ovsdb.SwitchStateListener;
import org.flowtun.locality.NetworkFlooding.LocalPort;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.Chassis;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.floating.ips.FloatingIp;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.Lport;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.Network;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.subnets.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.Trunk;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Locality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The locality service's batch loop, on one thread: changes (of the configuration, lports, networks, chassis,
 * routers, floating IPs, trunks, subnets, nodes, tunnel ports and OpenFlow connections) are applied to the
 * {@link LogicalModel} and the {@link NodeModel} as they arrive; then one batch places every (node, lport) pair
 * they touched ({@link Placer}), recomputes the networks' flows where needed ({@link NetworkFlooding}), hands the
 * flows to the {@link FlowReconciler} and the localities to the {@link Announcer}, and writes the keys and the
 * operational view. Everything that arrived before a batch runs in it.
 *
 * <p>Every entry point only enqueues; nothing here blocks or reads the datastore.
 */
public final class LocalityEngine implements SwitchStateListener, TunnelPortListener {
    private static final Logger LOG = LoggerFactory.getLogger(LocalityEngine.class);
    private static final String ROUTER = "router:";
    private static final String FIP = "floating-ip:";
    private static final String TRUNK = "trunk:";
    private static final String SUBNET = "subnet:";

    private final ScheduledExecutorService executor;
    private final KeyAllocator lportKeys;
    private final KeyAllocator networkKeys;
    private final LocalityPublisher publisher;
    private final KeyStore keyStore;
    private final FlowReconciler<LocalityFlowOwner> reconciler;
    private final Announcer announcer;
    private final LogicalModel model = new LogicalModel();
    private final NetworkNeeds needs = new NetworkNeeds();
    private final Placer placer = new Placer(model, needs);
    private final NodeModel nodes;
    private final NetworkFlooding flooding;

    private FlowtunConfig config;
    /** Whether the state at start has been read (see {@link #initialDataRead}). */
    private boolean started;
    /** What the listeners delivered before the state at start was read (it is newer: the state leaves it alone). */
    private final Set<String> seenBeforeStart = new HashSet<>();

    private final Set<String> dirtyNodes = new HashSet<>();
    private final Map<String, Set<String>> dirtyPairs = new HashMap<>();
    /** lport to the nodes where it is placed (local, remote or distributed, or has flows). */
    private final Map<String, Set<String>> placedOn = new HashMap<>();
    private boolean processScheduled;
    /** When the oldest data-tree change not yet processed arrived (System.nanoTime), or 0. */
    private long changedSince;
    /** When the last data-tree change of flowtun's configuration arrived (System.nanoTime), or when this began. */
    private volatile long lastChangeArrived = System.nanoTime();
    private BatchObserver batchObserver = BatchObserver.NONE;

    /** Told of every batch: how many lports it placed, and how long it took. */
    @FunctionalInterface
    interface BatchObserver {
        BatchObserver NONE = new BatchObserver() {
            @Override
            public void batchDone(final int lports, final long nanos) {
                // nobody is told
            }
        };

        void batchDone(int lports, long nanos);
    }

    LocalityEngine(final ScheduledExecutorService executor, final KeyAllocator lportKeys,
            final KeyAllocator networkKeys, final LocalityPublisher publisher, final KeyStore keyStore,
            final FlowReconciler<LocalityFlowOwner> reconciler, final Announcer announcer) {
        this.executor = requireNonNull(executor);
        this.lportKeys = requireNonNull(lportKeys);
        this.networkKeys = requireNonNull(networkKeys);
        this.publisher = requireNonNull(publisher);
        this.keyStore = requireNonNull(keyStore);
        this.reconciler = requireNonNull(reconciler);
        this.announcer = requireNonNull(announcer);
        this.nodes = new NodeModel(executor, reconciler, this::scheduleProcess);
        this.flooding = new NetworkFlooding(model, placer, networkKeys, reconciler, needs);
    }

    /**
     * The state at start, read once: the keys allocated before, the lports, networks and chassis. Nothing is
     * placed (and no switch reconciled) before it is known, so that a restart never removes a flow only because
     * the data behind it has not arrived yet. Entries the listeners delivered meanwhile are newer and win.
     */
    void initialDataRead(final InitialState state) {
        submit(() -> {
            state.lportKeys().forEach(lportKeys::restore);
            state.networkKeys().forEach(networkKeys::restore);
            applyInitial("network:", state.networks(), network -> network.getId().getValue(),
                (id, network) -> model.networkChanged(id, NetworkInfo.of(network)));
            applyInitial("lport:", state.lports(), lport -> lport.getId().getValue(),
                (id, lport) -> model.lportChanged(id, LportInfo.of(lport)));
            state.chassis().stream().filter(chassis -> !model.knowsChassis(chassis.getId().getValue()))
                .forEach(chassis -> model.chassisChanged(chassis.getId().getValue(), chassis));
            applyInitial(ROUTER, state.routers(), router -> router.getId().getValue(), model::routerChanged);
            applyInitial(FIP, state.floatingIps(), fip -> fip.getId().getValue(), model::floatingIpChanged);
            applyInitial(TRUNK, state.trunks(), trunk -> trunk.getId().getValue(), model::trunkChanged);
            applyInitial(SUBNET, state.subnets(), subnet -> subnet.getId().getValue(), model::subnetChanged);
            seenBeforeStart.clear();
            // keys of lports and networks deleted while the controller was down are free again
            state.lportKeys().keySet().stream().filter(lport -> !model.hasLport(lport)).forEach(lportKeys::release);
            state.networkKeys().keySet().stream().filter(network -> !model.hasNetwork(network))
                .forEach(networkKeys::release);
            started = true;
            LOG.info("Locality service ready: {} lports, {} networks, {} chassis, {} routers, {} floating IPs, "
                + "{} trunks, {} subnets; {} lport and {} network keys restored", model.lportIds().size(),
                model.networkIds().size(), model.chassisCount(), state.routers().size(), state.floatingIps().size(),
                state.trunks().size(), state.subnets().size(), state.lportKeys().size(), state.networkKeys().size());
        });
    }

    void observeBatches(final BatchObserver observer) {
        this.batchObserver = requireNonNull(observer);
    }

    int lportCount() {
        return model.lportIds().size();
    }

    int networkCount() {
        return model.networkIds().size();
    }

    int chassisCount() {
        return model.chassisCount();
    }

    int nodeCount() {
        return nodes.nodeIds().size();
    }

    void configurationChanged(final FlowtunConfig newConfig) {
        submit(() -> {
            config = newConfig;
            nodes.configurationChanged(newConfig).forEach(this::nodeChanged);
        });
    }

    /**
     * Whether no change of flowtun's configuration (lports, networks, routers, floating IPs, trunks, subnets)
     * arrived for {@code nanos}, nor did the engine begin less than that ago: clients are not writing. Any thread.
     */
    boolean quietFor(final long nanos) {
        return System.nanoTime() - lastChangeArrived >= nanos;
    }

    void lportChanged(final Lport before, final Lport after) {
        final LportInfo info = after == null ? null : LportInfo.of(after);
        changed("lport:", before, after, lport -> lport.getId().getValue(), (id, ignored) -> model.lportChanged(id,
            info));
    }

    void networkChanged(final Network before, final Network after) {
        final NetworkInfo info = after == null ? null : NetworkInfo.of(after);
        changed("network:", before, after, network -> network.getId().getValue(),
            (id, ignored) -> model.networkChanged(id, info));
    }

    void chassisChanged(final Chassis before, final Chassis after) {
        final String id = (after != null ? after : before).getId().getValue();
        submit(() -> model.chassisChanged(id, after));
    }

    void routerChanged(final Router before, final Router after) {
        changed(ROUTER, before, after, router -> router.getId().getValue(), model::routerChanged);
    }

    void floatingIpChanged(final FloatingIp before, final FloatingIp after) {
        changed(FIP, before, after, fip -> fip.getId().getValue(), model::floatingIpChanged);
    }

    void trunkChanged(final Trunk before, final Trunk after) {
        changed(TRUNK, before, after, trunk -> trunk.getId().getValue(), model::trunkChanged);
    }

    void subnetChanged(final Subnet before, final Subnet after) {
        changed(SUBNET, before, after, subnet -> subnet.getId().getValue(), model::subnetChanged);
    }

    /**
     * A data-tree entry changed: applied on the locality thread; one delivered before the state at start was read
     * is newer than that state, which then leaves it alone.
     */
    private <T> void changed(final String kind, final T before, final T after, final Function<T, String> idOf,
            final BiConsumer<String, T> apply) {
        final String id = idOf.apply(after != null ? after : before);
        final long arrived = System.nanoTime();
        lastChangeArrived = arrived;
        submit(() -> {
            if (changedSince == 0) {
                changedSince = arrived;
            }
            if (!started) {
                seenBeforeStart.add(kind + id);
            }
            apply.accept(id, after);
        });
    }

    /** Applies the entries of the state at start that no listener delivered meanwhile. */
    private <T> void applyInitial(final String kind, final Collection<T> entries, final Function<T, String> idOf,
            final BiConsumer<String, T> apply) {
        for (T entry : entries) {
            final String id = idOf.apply(entry);
            if (!seenBeforeStart.contains(kind + id)) {
                apply.accept(id, entry);
            }
        }
    }

    void openflowConnected(final String openflowNodeId) {
        submit(() -> nodes.openflowConnected(openflowNodeId));
    }

    void openflowReconnected(final String openflowNodeId) {
        submit(() -> nodes.openflowReconnected(openflowNodeId));
    }

    void openflowDisconnected(final String openflowNodeId) {
        submit(() -> nodes.openflowDisconnected(openflowNodeId));
    }

    @Override
    public void switchUpdated(final OvsdbSwitch ovsdbSwitch) {
        submit(() -> nodeChanged(nodes.switchUpdated(ovsdbSwitch)));
    }

    @Override
    public void switchRemoved(final String switchNodeId) {
        submit(() -> nodeChanged(nodes.switchRemoved(switchNodeId)));
    }

    @Override
    public void bridgeUpdated(final OvsdbBridge bridge) {
        submit(() -> nodeChanged(nodes.bridgeUpdated(bridge)));
    }

    @Override
    public void bridgeRemoved(final String bridgeNodeId) {
        submit(() -> nodeChanged(nodes.bridgeRemoved(bridgeNodeId)));
    }

    @Override
    public void onTunnelPortChanged(final TunnelPort previous, final TunnelPort current) {
        submit(() -> nodeChanged(nodes.tunnelPortChanged(previous, current)));
    }

    /** The key-allocations write failed: the next batch writes them all again. */
    void keysRewriteNeeded() {
        submit(() -> {
            lportKeys.markAllChanged();
            networkKeys.markAllChanged();
        });
    }

    /** The physical networks the node needs and does not reach ({@link ProviderApp#unreachable}). */
    Set<String> unreachablePhysicalNetworks(final String node) {
        final NodeInfo nodeInfo = nodes.node(node);
        return nodeInfo == null ? Set.of() : ProviderApp.unreachablePhysicalNetworks(nodeInfo,
            needs.neededOn(node).stream().map(model::network).collect(java.util.stream.Collectors.toList()));
    }

    private void nodeChanged(final NodeModel.Change change) {
        if (change == NodeModel.Change.NONE) {
            return;
        }
        final String node = change.nodeId();
        if (change.left()) {
            dirtyNodes.remove(node);
            dirtyPairs.remove(node);
            flooding.nodeLeft(node);
            needs.nodeLeft(node);
            placedOn.values().forEach(placed -> placed.remove(node));
            placedOn.values().removeIf(Set::isEmpty);
            announcer.nodeLeft(node, model.lportIds());
        } else if (change.affectsEveryLport()) {
            dirtyNodes.add(node);
        } else {
            dirtyPairs.computeIfAbsent(node, id -> new HashSet<>()).addAll(change.movedLports());
        }
    }

    private void submit(final Runnable change) {
        executor.execute(() -> {
            guarded(change);
            scheduleProcess();
        });
    }

    private void scheduleProcess() {
        if (!processScheduled) {
            processScheduled = true;
            executor.execute(() -> guarded(this::process));
        }
    }

    /** A bug must not silently stop the locality thread's work: log it and carry on with the next change. */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private static void guarded(final Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("Locality processing failed", e);
        }
    }

    /**
     * One batch: everything the changes since the last one touched. An lport is placed only on the nodes where it
     * can have a locality: those that need its network, those with its VM port (where it may be local), and those
     * it was placed on. A node that starts or stops needing a network (its first or last local lport there, a
     * router link) gets every lport of the network placed again.
     */
    private void process() {
        processScheduled = false;
        if (!started || config == null) {
            return;
        }
        final long start = System.nanoTime();
        reconciler.changesSince(changedSince);
        changedSince = 0;
        final Collection<Set<String>> routed = model.takeRoutedNetworks();
        if (routed != null) {
            needs.routedNetworksChanged(routed);
        }
        final Set<String> lports = new HashSet<>();
        for (String network : model.takeDirtyNetworks()) {
            if (model.hasNetwork(network)) {
                networkKeys.key(network, null, new HashSet<>());
            } else {
                networkKeys.release(network);
            }
            publisher.networkKeyChanged(network);
            lports.addAll(model.lportsOfNetwork(network));
            needs.nodesNeeding(network).forEach(node -> flooding.mark(node, network));
        }
        for (String network : model.takeDirtyFlooding()) {
            needs.nodesNeeding(network).forEach(node -> flooding.mark(node, network));
        }
        lports.addAll(model.takeDirtyLports());
        model.addFollowers(lports);
        allocateKeys(lports);

        for (String lport : lports) {
            candidateNodes(lport).forEach(node -> place(node, lport));
        }
        for (String node : dirtyNodes) {
            if (nodes.contains(node)) {
                final Set<String> onNode = new HashSet<>(nodes.node(node).vmPorts().keySet());
                model.addFollowers(onNode);
                needs.neededOn(node).forEach(network -> onNode.addAll(model.lportsOfNetwork(network)));
                onNode.stream().filter(lport -> !lports.contains(lport)).forEach(lport -> place(node, lport));
                needs.neededOn(node).forEach(network -> flooding.mark(node, network));
            }
        }
        dirtyPairs.forEach((node, pairs) -> {
            if (nodes.contains(node) && !dirtyNodes.contains(node)) {
                model.addFollowers(pairs);
                pairs.stream().filter(lport -> !lports.contains(lport)).forEach(lport -> place(node, lport));
            }
        });
        dirtyNodes.clear();
        dirtyPairs.clear();
        // placing a network's lports where its need changed makes no lport local, so this settles in one round
        for (Set<NetworkNeeds.Transition> changed = needs.takeTransitions(); !changed.isEmpty();
                changed = needs.takeTransitions()) {
            for (NetworkNeeds.Transition transition : changed) {
                if (nodes.contains(transition.node)) {
                    model.lportsOfNetwork(transition.network).forEach(lport -> place(transition.node, lport));
                }
            }
        }
        flooding.flush(nodes);
        nodes.updateConnections(config);

        // the switches first: the datastore writes below cost as much CPU as the flows, and do not gate them
        reconciler.flush();
        reconciler.changesSince(0);
        final long flowsHandedOver = System.nanoTime();
        keyStore.save(lportKeys.takeChanges(), networkKeys.takeChanges());
        publisher.flush();
        batchObserver.batchDone(lports.size(), System.nanoTime() - start);
        if (LOG.isDebugEnabled()) {
            LOG.debug("processed {} changed lports: flows handed to the switches after {} ms, state after {} ms",
                lports.size(), (flowsHandedOver - start) / 1_000_000, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * The nodes where the lport may have a locality now or had one: those needing its network, those with the VM
     * port of the lport whose binding places it, and those it is placed on.
     */
    private Set<String> candidateNodes(final String lportId) {
        final Set<String> candidates = new HashSet<>(placedOn.getOrDefault(lportId, Set.of()));
        final LportInfo lport = model.lport(lportId);
        if (lport != null) {
            candidates.addAll(needs.nodesNeeding(lport.network()));
            final LportInfo binding = placer.bindingOf(lport);
            if (binding != null) {
                candidates.addAll(nodes.nodesWithVmPort(binding.id()));
            }
        }
        candidates.removeIf(node -> !nodes.contains(node));
        return candidates;
    }

    /**
     * Gives every lport of the batch its tunnel key (or frees it); an lport whose key another one claims
     * explicitly gets a new one, and joins the batch.
     */
    private void allocateKeys(final Set<String> lports) {
        final Deque<String> work = new ArrayDeque<>(lports);
        while (!work.isEmpty()) {
            final String lport = work.poll();
            final LportInfo info = model.lport(lport);
            if (info == null) {
                lportKeys.release(lport);
                publisher.lportKeyChanged(lport);
                continue;
            }
            final Set<String> displaced = new HashSet<>();
            lportKeys.key(lport, info.explicitKey(), displaced);
            publisher.lportKeyChanged(lport);
            for (String other : displaced) {
                LOG.info("lport {} gets a new tunnel key: its key is now {}'s", other, lport);
                if (lports.add(other)) {
                    work.add(other);
                }
            }
        }
    }

    /** Places the lport on the node: its flows to the reconciler, its locality to the announcer. */
    private void place(final String node, final String lportId) {
        final NodeInfo nodeInfo = nodes.node(node);
        final LportInfo lport = model.lport(lportId);
        Placement placement = Placement.NONE;
        if (lport != null) {
            final NetworkInfo network = model.network(lport.network());
            final Long lportKey = lportKeys.keyOf(lportId);
            final Long networkKey = network == null ? null : networkKeys.keyOf(network.id());
            if (lportKey != null && networkKey != null) {
                placement = placer.place(nodeInfo, lport, network, lportKey, networkKey);
            }
            // where the network floods may change with this lport
            flooding.mark(node, lport.network());
        }
        final List<FlowSpec> flows = placement.flows();
        reconciler.setFlows(node, lport != null ? lport.flowOwner() : new LportFlowOwner(lportId), flows);
        if (placement.locality() != null || !flows.isEmpty()) {
            MultiMaps.add(placedOn, lportId, node);
        } else {
            MultiMaps.remove(placedOn, lportId, node);
        }
        final LocalPort before = flooding.localPort(node, lportId);
        final LocalPort after = placement.locality() == Locality.Local
            ? new LocalPort(lport.network(), placement.attachment()) : null;
        flooding.setLocal(node, lportId, after);
        announcer.placed(node, lportId, placement.locality(), before != null && !before.equals(after));
    }
}
