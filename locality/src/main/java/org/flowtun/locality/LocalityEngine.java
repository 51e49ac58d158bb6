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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.flowtun.api.TunnelPort;
import org.flowtun.api.TunnelPortListener;
import org.flowtun.impl.config.FlowtunConfig;
import org.flowtun.impl.flow.FlowReconciler;
import org.flowtun.impl.flow.FlowSpec;
import org.flowtun.impl.flow.OpenFlowNodeListener;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbPort;
import org.flowtun.impl.ovsdb.OvsdbSwitch;
import org.flowtun.impl.ovsdb.OvsdbTopology;
import org.flowtun.impl.ovsdb.SwitchStateListener;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.Chassis;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.floating.ips.FloatingIp;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.Lport;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.Network;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.subnets.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.Trunk;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.trunk.SubPort;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Locality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The locality service's core: keeps, on one thread, the caches of lports, networks, chassis and nodes that
 * data-tree changes feed it; for every (node, lport) a change touches it asks the apps for the lport's placement
 * (locality and flows), hands the flows to the {@link FlowReconciler} and announces the locality once its flows
 * are on the switch. Changes are batched: everything that arrived before a batch is processed runs in it.
 *
 * <p>Every public method only enqueues; nothing here blocks or reads the datastore.
 */
public final class LocalityEngine implements SwitchStateListener, TunnelPortListener {
    private static final Logger LOG = LoggerFactory.getLogger(LocalityEngine.class);
    static final String NETWORK_OWNER = "network:";
    private static final String ROUTER = "router:";
    private static final String FIP = "floating-ip:";
    private static final String TRUNK = "trunk:";
    private static final String SUBNET = "subnet:";
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ScheduledExecutorService executor;
    private final LocalityPublisher publisher;
    private final KeyStore keyStore;
    private FlowReconciler reconciler;

    private final KeyAllocator lportKeys;
    private final KeyAllocator networkKeys;
    /** Whether the state at start has been read (see {@link #initialDataRead}). */
    private boolean started;
    private final Set<String> seenLports = new HashSet<>();
    private final Set<String> seenNetworks = new HashSet<>();
    /** Routers, floating IPs, trunks and subnets the listeners delivered before the state at start was read. */
    private final Set<String> seenRoleSources = new HashSet<>();
    private final LportRoles roles = new LportRoles();
    private FlowtunConfig config;
    private String integrationBridge;
    private final Map<String, String> chassisIps = new HashMap<>();

    private final Map<String, LportInfo> lports = new HashMap<>();
    private final Map<String, NetworkInfo> networks = new HashMap<>();
    private final Map<String, Set<String>> lportsByChassis = new HashMap<>();
    private final Map<String, Set<String>> lportsByNetwork = new HashMap<>();
    private final Map<String, OvsdbSwitch> switches = new HashMap<>();
    private final Map<String, Map<String, OvsdbBridge>> bridges = new HashMap<>();
    private final Map<String, Map<String, Long>> tunnelPorts = new HashMap<>();
    private final Map<String, NodeInfo> nodes = new HashMap<>();
    private final Set<String> connectedSwitches = new HashSet<>();

    /** node to lport to the locality announced once the lport's flows are in. */
    private final Map<String, Map<String, Locality>> pending = new HashMap<>();
    /** node to lport to every lport local on the node: its network and attachment. */
    private final Map<String, Map<String, LocalPort>> localLports = new HashMap<>();

    private final Set<String> dirtyNetworks = new HashSet<>();
    private final Set<String> dirtyLports = new HashSet<>();
    private final Set<String> dirtyNodes = new HashSet<>();
    private final Map<String, Set<String>> dirtyPairs = new HashMap<>();
    private final Map<String, Set<String>> dirtyIngress = new HashMap<>();
    private final Set<String> connectionDirty = new HashSet<>();
    private final Map<String, Long> joinedAt = new HashMap<>();
    /** Nodes with a settle check scheduled (one at a time). */
    private final Set<String> settling = new HashSet<>();
    private boolean processScheduled;

    LocalityEngine(final ScheduledExecutorService executor, final KeyAllocator lportKeys,
            final KeyAllocator networkKeys, final LocalityPublisher publisher, final KeyStore keyStore) {
        this.executor = requireNonNull(executor);
        this.lportKeys = requireNonNull(lportKeys);
        this.networkKeys = requireNonNull(networkKeys);
        this.publisher = requireNonNull(publisher);
        this.keyStore = requireNonNull(keyStore);
    }

    void setReconciler(final FlowReconciler flowReconciler) {
        this.reconciler = requireNonNull(flowReconciler);
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
            state.networks().stream().filter(network -> !seenNetworks.contains(network.getId().getValue()))
                .forEach(network -> applyNetwork(network.getId().getValue(), NetworkInfo.of(network)));
            state.lports().stream().filter(lport -> !seenLports.contains(lport.getId().getValue()))
                .forEach(lport -> applyLport(lport.getId().getValue(), LportInfo.of(lport)));
            state.chassis().stream().filter(chassis -> !chassisIps.containsKey(chassis.getId().getValue()))
                .forEach(chassis -> applyChassis(chassis.getId().getValue(), chassis));
            applyInitial(ROUTER, state.routers(), router -> router.getId().getValue(), this::applyRouter);
            applyInitial(FIP, state.floatingIps(), fip -> fip.getId().getValue(), this::applyFloatingIp);
            applyInitial(TRUNK, state.trunks(), trunk -> trunk.getId().getValue(), this::applyTrunk);
            applyInitial(SUBNET, state.subnets(), subnet -> subnet.getId().getValue(), this::applySubnet);
            seenLports.clear();
            seenNetworks.clear();
            seenRoleSources.clear();
            // keys of lports and networks deleted while the controller was down are free again
            state.lportKeys().keySet().stream().filter(lport -> !lports.containsKey(lport))
                .forEach(lportKeys::release);
            state.networkKeys().keySet().stream().filter(network -> !networks.containsKey(network))
                .forEach(networkKeys::release);
            started = true;
            LOG.info("Locality service ready: {} lports, {} networks, {} chassis, {} routers, {} floating IPs, "
                + "{} trunks, {} subnets; {} lport and {} network keys restored", lports.size(), networks.size(),
                chassisIps.size(), state.routers().size(), state.floatingIps().size(), state.trunks().size(),
                state.subnets().size(), state.lportKeys().size(), state.networkKeys().size());
        });
    }

    void configurationChanged(final FlowtunConfig newConfig) {
        submit(() -> {
            config = newConfig;
            connectionDirty.addAll(nodes.keySet());
            if (!newConfig.integrationBridge().equals(integrationBridge)) {
                integrationBridge = newConfig.integrationBridge();
                switches.keySet().forEach(this::refreshNode);
            }
        });
    }

    void lportChanged(final Lport before, final Lport after) {
        final LportInfo info = after == null ? null : LportInfo.of(after);
        final String id = (after != null ? after : before).getId().getValue();
        submit(() -> {
            if (!started) {
                seenLports.add(id);
            }
            applyLport(id, info);
        });
    }

    void networkChanged(final Network before, final Network after) {
        final NetworkInfo info = after == null ? null : NetworkInfo.of(after);
        final String id = (after != null ? after : before).getId().getValue();
        submit(() -> {
            if (!started) {
                seenNetworks.add(id);
            }
            applyNetwork(id, info);
        });
    }

    void chassisChanged(final Chassis before, final Chassis after) {
        final String id = (after != null ? after : before).getId().getValue();
        submit(() -> applyChassis(id, after));
    }

    void routerChanged(final Router before, final Router after) {
        roleSourceChanged(ROUTER, before, after, router -> router.getId().getValue(), this::applyRouter);
    }

    void floatingIpChanged(final FloatingIp before, final FloatingIp after) {
        roleSourceChanged(FIP, before, after, fip -> fip.getId().getValue(), this::applyFloatingIp);
    }

    void trunkChanged(final Trunk before, final Trunk after) {
        roleSourceChanged(TRUNK, before, after, trunk -> trunk.getId().getValue(), this::applyTrunk);
    }

    void subnetChanged(final Subnet before, final Subnet after) {
        roleSourceChanged(SUBNET, before, after, subnet -> subnet.getId().getValue(), this::applySubnet);
    }

    /**
     * A router, floating IP, trunk or subnet changed: applied on the locality thread; one delivered before the
     * state at start was read is newer than that state, which then leaves it alone.
     */
    private <T> void roleSourceChanged(final String kind, final T before, final T after,
            final Function<T, String> idOf, final BiConsumer<String, T> apply) {
        final String id = idOf.apply(after != null ? after : before);
        submit(() -> {
            if (!started) {
                seenRoleSources.add(kind + id);
            }
            apply.accept(id, after);
        });
    }

    /** Applies the entries of the state at start that no listener delivered meanwhile. */
    private <T> void applyInitial(final String kind, final Collection<T> entries, final Function<T, String> idOf,
            final BiConsumer<String, T> apply) {
        for (T entry : entries) {
            final String id = idOf.apply(entry);
            if (!seenRoleSources.contains(kind + id)) {
                apply.accept(id, entry);
            }
        }
    }

    /** L3 app: a router's interfaces and gateway port are distributed. */
    private void applyRouter(final String id, final Router router) {
        Set<String> ports = null;
        if (router != null) {
            ports = new HashSet<>();
            if (router.getInterfaces() != null) {
                for (var lport : router.getInterfaces()) {
                    ports.add(lport.getValue());
                }
            }
            if (router.getGatewayPort() != null) {
                ports.add(router.getGatewayPort().getValue());
            }
        }
        dirtyLports.addAll(roles.routerChanged(id, ports));
    }

    /** DNAT app: a floating IP's lport follows its associated lport. */
    private void applyFloatingIp(final String id, final FloatingIp fip) {
        dirtyLports.addAll(roles.floatingIpChanged(id,
            fip == null || fip.getFloatingLport() == null ? null : fip.getFloatingLport().getValue(),
            fip == null || fip.getAssociatedLport() == null ? null : fip.getAssociatedLport().getValue(),
            fip == null || fip.getFixedIpAddress() == null ? null : fip.getFixedIpAddress().stringValue()));
    }

    /** Trunk app: a trunk's sub-ports follow its parent. */
    private void applyTrunk(final String id, final Trunk trunk) {
        final Map<String, Integer> subPorts = new HashMap<>();
        if (trunk != null && trunk.getSubPort() != null) {
            for (SubPort sub : trunk.getSubPort().values()) {
                if (sub.getSegmentationId() != null) {
                    subPorts.put(sub.getLport().getValue(), sub.getSegmentationId().toJava());
                }
            }
        }
        dirtyLports.addAll(roles.trunkChanged(id,
            trunk == null || trunk.getParentLport() == null ? null : trunk.getParentLport().getValue(), subPorts));
    }

    /** DHCP app: the DHCP ports of a network with a DHCP-enabled subnet are distributed. */
    private void applySubnet(final String id, final Subnet subnet) {
        final Set<String> changed = roles.subnetChanged(id,
            subnet == null || subnet.getNetwork() == null ? null : subnet.getNetwork().getValue(),
            subnet != null && Boolean.TRUE.equals(subnet.isEnableDhcp()));
        for (String network : changed) {
            for (String lport : lportsByNetwork.getOrDefault(network, Set.of())) {
                if (lports.get(lport).dhcpOwner()) {
                    dirtyLports.add(lport);
                }
            }
        }
    }

    private void applyLport(final String id, final LportInfo info) {
        final LportInfo old = info == null ? lports.remove(id) : lports.put(id, info);
        if (old != null) {
            MultiMaps.remove(lportsByChassis, old.chassis(), id);
            MultiMaps.remove(lportsByNetwork, old.network(), id);
            if (old.network() != null && (info == null || !old.network().equals(info.network()))) {
                // the network it left floods to it no more
                nodes.keySet().forEach(node -> markIngress(node, old.network()));
            }
        }
        if (info != null) {
            MultiMaps.add(lportsByChassis, info.chassis(), id);
            MultiMaps.add(lportsByNetwork, info.network(), id);
        }
        dirtyLports.add(id);
    }

    private void applyNetwork(final String id, final NetworkInfo info) {
        if (info == null) {
            networks.remove(id);
        } else {
            networks.put(id, info);
        }
        dirtyNetworks.add(id);
    }

    private void applyChassis(final String id, final Chassis chassis) {
        final String ip = chassis == null || chassis.getIp() == null ? null : chassis.getIp().stringValue();
        final String before = ip == null ? chassisIps.remove(id) : chassisIps.put(id, ip);
        if (!Objects.equals(before, ip)) {
            dirtyLports.addAll(lportsByChassis.getOrDefault(id, Set.of()));
        }
    }

    void openflowConnected(final String openflowNodeId) {
        submit(() -> {
            connectedSwitches.add(openflowNodeId);
            markConnection(openflowNodeId);
        });
    }

    /**
     * The switch connected again without having been reported gone: what it holds is unknown (after a restart of
     * ovs-vswitchd, nothing), so its node is made exact again as on a first connection.
     */
    void openflowReconnected(final String openflowNodeId) {
        submit(() -> {
            LOG.info("{}: switch reconnected; its flows are replaced", openflowNodeId);
            connectedSwitches.add(openflowNodeId);
            nodes.values().stream().filter(node -> openflowNodeId.equals(node.openflowNodeId())).forEach(node -> {
                reconciler.disconnected(node.nodeId());
                connectionDirty.add(node.nodeId());
            });
        });
    }

    void openflowDisconnected(final String openflowNodeId) {
        submit(() -> {
            connectedSwitches.remove(openflowNodeId);
            markConnection(openflowNodeId);
        });
    }

    private void markConnection(final String openflowNodeId) {
        nodes.values().stream().filter(node -> openflowNodeId.equals(node.openflowNodeId()))
            .forEach(node -> connectionDirty.add(node.nodeId()));
    }

    @Override
    public void switchUpdated(final OvsdbSwitch ovsdbSwitch) {
        submit(() -> {
            switches.put(ovsdbSwitch.nodeId(), ovsdbSwitch);
            refreshNode(ovsdbSwitch.nodeId());
        });
    }

    @Override
    public void switchRemoved(final String switchNodeId) {
        submit(() -> {
            switches.remove(switchNodeId);
            bridges.remove(switchNodeId);
            refreshNode(switchNodeId);
        });
    }

    @Override
    public void bridgeUpdated(final OvsdbBridge bridge) {
        submit(() -> {
            bridges.computeIfAbsent(bridge.switchNodeId(), id -> new HashMap<>()).put(bridge.name(), bridge);
            refreshNode(bridge.switchNodeId());
        });
    }

    @Override
    public void bridgeRemoved(final String bridgeNodeId) {
        final String switchNodeId = OvsdbTopology.switchNodeIdOf(bridgeNodeId);
        submit(() -> {
            final Map<String, OvsdbBridge> ofSwitch = bridges.get(switchNodeId);
            if (ofSwitch != null) {
                ofSwitch.values().removeIf(bridge -> bridge.bridgeNodeId().equals(bridgeNodeId));
            }
            refreshNode(switchNodeId);
        });
    }

    @Override
    public void onTunnelPortChanged(final TunnelPort previous, final TunnelPort current) {
        final TunnelPort port = current != null ? current : previous;
        submit(() -> {
            final Map<String, Long> ofports = tunnelPorts.computeIfAbsent(port.nodeId(), id -> new HashMap<>());
            if (current != null && current.hasOfport()) {
                ofports.put(port.type(), current.ofport());
            } else {
                ofports.remove(port.type());
            }
            refreshNode(port.nodeId());
        });
    }

    /** From the reconciler (on this thread): every flow of {@code owner} on {@code node} is on the switch. */
    void flowsInstalled(final String node, final Object owner) {
        if (!(owner instanceof LportFlowOwner)) {
            return;
        }
        final String lport = ((LportFlowOwner) owner).lportId();
        final Map<String, Locality> waiting = pending.get(node);
        final Locality target = waiting == null ? null : waiting.remove(lport);
        if (target != null && publisher.locality(node, lport) != target) {
            publisher.created(node, lport, target);
            scheduleProcess();
        }
    }

    /** The key-allocations write failed: the next batch writes them all again. */
    void keysRewriteNeeded() {
        submit(() -> {
            lportKeys.markAllChanged();
            networkKeys.markAllChanged();
        });
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

    private void refreshNode(final String nodeId) {
        final OvsdbSwitch ovsdbSwitch = switches.get(nodeId);
        final NodeInfo before = nodes.get(nodeId);
        if (ovsdbSwitch == null) {
            if (before != null) {
                nodeLeft(nodeId);
            }
            return;
        }
        final OvsdbBridge bridge = integrationBridge == null ? null
            : bridges.getOrDefault(nodeId, Map.of()).get(integrationBridge);
        final Map<String, Long> vmPorts = new HashMap<>();
        String openflowNodeId = null;
        if (bridge != null) {
            for (OvsdbPort port : bridge.ports().values()) {
                final Optional<String> ifaceId = port.ifaceId();
                if (ifaceId.isPresent() && port.ofport() > 0) {
                    vmPorts.put(ifaceId.get(), port.ofport());
                }
            }
            if (bridge.datapathId() != null) {
                openflowNodeId = OpenFlowNodeListener.openflowNodeId(bridge.datapathId());
            }
        }
        final NodeInfo after = new NodeInfo(nodeId, ovsdbSwitch.systemId().orElse(null), openflowNodeId, vmPorts,
            tunnelPorts.getOrDefault(nodeId, Map.of()));
        if (after.equals(before)) {
            return;
        }
        nodes.put(nodeId, after);
        if (before == null) {
            LOG.info("{}: node of chassis {} joined", nodeId, after.chassisId());
            dirtyNodes.add(nodeId);
        } else if (!Objects.equals(before.chassisId(), after.chassisId())
                || !before.tunnelPorts().equals(after.tunnelPorts())) {
            dirtyNodes.add(nodeId);
        } else {
            final Set<String> changed = dirtyPairs.computeIfAbsent(nodeId, id -> new HashSet<>());
            before.vmPorts().forEach((lport, ofport) -> {
                if (!ofport.equals(after.vmPort(lport))) {
                    changed.add(lport);
                }
            });
            after.vmPorts().forEach((lport, ofport) -> {
                if (!ofport.equals(before.vmPort(lport))) {
                    changed.add(lport);
                }
            });
        }
        if (before == null) {
            joinedAt.put(nodeId, System.nanoTime());
        }
        connectionDirty.add(nodeId);
    }

    /**
     * Tells the reconciler whether the node's switch is connected. A switch is reconciled (its stale flows
     * removed) only once the node has settled: every configured tunnel port has its ofport, or
     * {@link #SETTLE_NANOS} have passed since the node joined. Until then a remote port's flow could not be built
     * and would be taken for stale.
     */
    private void updateConnection(final String nodeId) {
        final NodeInfo node = nodes.get(nodeId);
        final String openflowNodeId = node == null ? null : node.openflowNodeId();
        if (openflowNodeId == null || !connectedSwitches.contains(openflowNodeId)) {
            reconciler.disconnected(nodeId);
            return;
        }
        final long waited = System.nanoTime() - joinedAt.getOrDefault(nodeId, 0L);
        final boolean allTunnelPorts = config.tunnelTypes().stream()
            .allMatch(kind -> node.tunnelPort(kind.yangName()) != null);
        if (allTunnelPorts || waited >= SETTLE_NANOS) {
            reconciler.connected(nodeId, openflowNodeId);
        } else {
            if (settling.add(nodeId)) {
                executor.schedule(() -> {
                    settling.remove(nodeId);
                    connectionDirty.add(nodeId);
                    scheduleProcess();
                }, SETTLE_NANOS - waited, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void nodeLeft(final String nodeId) {
        LOG.info("{}: node left", nodeId);
        nodes.remove(nodeId);
        joinedAt.remove(nodeId);
        connectionDirty.remove(nodeId);
        pending.remove(nodeId);
        localLports.remove(nodeId);
        dirtyNodes.remove(nodeId);
        dirtyPairs.remove(nodeId);
        dirtyIngress.remove(nodeId);
        for (String lport : List.copyOf(lports.keySet())) {
            final Locality announced = publisher.locality(nodeId, lport);
            if (announced != null) {
                publisher.deleted(nodeId, lport, announced);
            }
        }
        reconciler.removeNode(nodeId);
    }

    private void process() {
        processScheduled = false;
        if (!started || config == null || reconciler == null) {
            return;
        }
        final long start = System.nanoTime();
        for (String network : dirtyNetworks) {
            if (networks.containsKey(network)) {
                networkKeys.key(network, null, new HashSet<>());
            } else {
                networkKeys.release(network);
            }
            publisher.networkKeyChanged(network);
            dirtyLports.addAll(lportsByNetwork.getOrDefault(network, Set.of()));
            nodes.keySet().forEach(node -> dirtyIngress.computeIfAbsent(node, id -> new HashSet<>()).add(network));
        }
        dirtyNetworks.clear();

        withFollowers(dirtyLports);
        final Deque<String> keyWork = new ArrayDeque<>(dirtyLports);
        while (!keyWork.isEmpty()) {
            final String lport = keyWork.poll();
            final LportInfo info = lports.get(lport);
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
                if (dirtyLports.add(other)) {
                    keyWork.add(other);
                }
            }
        }

        final int lportCount = dirtyLports.size();
        for (String lport : dirtyLports) {
            nodes.keySet().forEach(node -> place(node, lport));
        }
        for (String node : dirtyNodes) {
            if (nodes.containsKey(node)) {
                lports.keySet().stream().filter(lport -> !dirtyLports.contains(lport))
                    .forEach(lport -> place(node, lport));
                networks.keySet().forEach(network -> markIngress(node, network));
            }
        }
        dirtyPairs.forEach((node, pairs) -> {
            if (nodes.containsKey(node) && !dirtyNodes.contains(node)) {
                withFollowers(pairs);
                pairs.stream().filter(lport -> !dirtyLports.contains(lport)).forEach(lport -> place(node, lport));
            }
        });
        dirtyIngress.forEach((node, ingressNetworks) -> {
            if (nodes.containsKey(node)) {
                ingressNetworks.forEach(network -> ingress(node, network));
            }
        });
        dirtyLports.clear();
        dirtyNodes.clear();
        dirtyPairs.clear();
        dirtyIngress.clear();

        connectionDirty.forEach(this::updateConnection);
        connectionDirty.clear();

        // the switches first: the datastore writes below cost as much CPU as the flows, and do not gate them
        reconciler.flush();
        final long flowsHandedOver = System.nanoTime();
        keyStore.save(lportKeys.takeChanges(), networkKeys.takeChanges());
        publisher.flush();
        if (LOG.isDebugEnabled()) {
            LOG.debug("processed {} changed lports: flows handed to the switches after {} ms, state after {} ms",
                lportCount, (flowsHandedOver - start) / 1_000_000, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void place(final String node, final String lportId) {
        final NodeInfo nodeInfo = nodes.get(node);
        final LportInfo lport = lports.get(lportId);
        Placement placement = Placement.NONE;
        if (lport != null) {
            final NetworkInfo network = lport.network() == null ? null : networks.get(lport.network());
            final Long lportKey = lportKeys.keyOf(lportId);
            final Long networkKey = network == null ? null : networkKeys.keyOf(network.id());
            if (lportKey != null && networkKey != null) {
                placement = placement(nodeInfo, lport, network, lportKey, networkKey);
            }
        }
        final List<FlowSpec> flows = placement.flows();
        final LportFlowOwner owner = lport != null ? lport.flowOwner() : new LportFlowOwner(lportId);
        if (lport != null && !Set.copyOf(reconciler.flows(node, owner)).equals(Set.copyOf(flows))) {
            // the network's flooding on the node may change with this port
            markIngress(node, lport.network());
        }
        reconciler.setFlows(node, owner, flows);
        final LocalPort before = localLports.getOrDefault(node, Map.of()).get(lportId);
        final LocalPort after = placement.locality() == Locality.Local
            ? new LocalPort(lport.network(), placement.attachment()) : null;
        trackLocal(node, lportId, after);

        final Locality target = placement.locality();
        final Locality announced = publisher.locality(node, lportId);
        // a local lport attached elsewhere on the node (another OVS port, a sub-port's new VLAN) is re-announced
        final boolean reattached = announced == Locality.Local && target == Locality.Local && before != null
            && !before.equals(after);
        if (announced != null && (announced != target || reattached)) {
            publisher.deleted(node, lportId, announced);
        }
        if (target != null && (target != announced || reattached)) {
            pending.computeIfAbsent(node, id -> new HashMap<>()).put(lportId, target);
        } else {
            final Map<String, Locality> waiting = pending.get(node);
            if (waiting != null) {
                waiting.remove(lportId);
            }
        }
    }

    /**
     * The lport's placement on the node, by its role: distributed (L3, DHCP), following its associated lport
     * (DNAT) or its trunk's parent (trunk), or by its own binding (classification, tunnel). An lport follows only
     * an lport placed by its own binding.
     */
    private Placement placement(final NodeInfo node, final LportInfo lport, final NetworkInfo network,
            final long lportKey, final long networkKey) {
        final LportRoles.Role role = roles.roleOf(lport);
        switch (role.kind()) {
            case DISTRIBUTED:
                return Placement.distributed(List.of());
            case UNASSOCIATED:
                return Placement.NONE;
            case OWN:
                return ClassificationApp.place(node, lport, lportKey, networkKey)
                    .map(local -> local.withFlows(L2App.localPortFlows(lportKey, networkKey, lport.mac(),
                        local.attachment())))
                    .or(() -> remotePlacement(node, lport, lport, network, lportKey, networkKey))
                    .orElse(Placement.NONE);
            default:
                break;
        }
        final LportInfo anchor = bindingOf(lport, role);
        if (anchor == null) {
            return Placement.NONE;
        }
        final Long anchorOfport = ClassificationApp.localOfport(node, anchor);
        if (anchorOfport != null) {
            return role.kind() == LportRoles.Kind.SUB_PORT
                ? TrunkApp.localPlacement(lportKey, networkKey, lport.mac(), anchorOfport, role.vlan())
                : DnatApp.localPlacement(lportKey, networkKey, lport.mac(), anchorOfport, anchor.mac(),
                    DnatApp.fixedIp(role.fixedIp(), anchor));
        }
        return remotePlacement(node, lport, anchor, network, lportKey, networkKey).orElse(Placement.NONE);
    }

    /**
     * The lport whose binding (chassis or host) places {@code lport}: itself, the lport it follows when that one
     * is placed by its own binding, or null (distributed, unassociated, following a missing or following lport).
     */
    private LportInfo bindingOf(final LportInfo lport, final LportRoles.Role role) {
        switch (role.kind()) {
            case OWN:
                return lport;
            case FLOATING:
            case SUB_PORT:
                final LportInfo anchor = lports.get(role.anchor());
                return anchor == null || roles.roleOf(anchor).kind() != LportRoles.Kind.OWN ? null : anchor;
            default:
                return null;
        }
    }

    /** Remote through where {@code binding} lives: the tunnel app's egress flow and the MAC lookup leading to it. */
    private Optional<Placement> remotePlacement(final NodeInfo node, final LportInfo lport, final LportInfo binding,
            final NetworkInfo network, final long lportKey, final long networkKey) {
        return TunnelApp.place(node, binding, network, chassisIp(binding.chassis()), lportKey)
            .map(remote -> remote.flows().isEmpty() ? remote
                : remote.withFlows(L2App.remotePortFlows(lportKey, networkKey, lport.mac())));
    }

    /** Adds, to a set of lports to place, every lport that follows one of them (transitively). */
    private void withFollowers(final Set<String> toPlace) {
        final Deque<String> work = new ArrayDeque<>(toPlace);
        while (!work.isEmpty()) {
            for (String follower : roles.followersOf(work.poll())) {
                if (toPlace.add(follower)) {
                    work.add(follower);
                }
            }
        }
    }

    /** Keeps the set of local lports per (node, network): the tunnel ingress flow exists while it is not empty. */
    private void trackLocal(final String node, final String lportId, final LocalPort port) {
        final Map<String, LocalPort> local = localLports.computeIfAbsent(node, id -> new HashMap<>());
        final LocalPort before = port == null ? local.remove(lportId) : local.put(lportId, port);
        if (!Objects.equals(before, port)) {
            if (before != null) {
                markIngress(node, before.network);
            }
            if (port != null) {
                markIngress(node, port.network);
            }
        }
    }

    private void markIngress(final String node, final String network) {
        if (network == null) {
            return;
        }
        dirtyIngress.computeIfAbsent(node, id -> new HashSet<>()).add(network);
    }

    /** The node's flows of a network: the tunnel ingress flow and the flooding, while it has a local port. */
    private void ingress(final String node, final String networkId) {
        final NetworkInfo network = networks.get(networkId);
        final Long networkKey = network == null ? null : networkKeys.keyOf(networkId);
        final NodeInfo nodeInfo = nodes.get(node);
        final List<L2App.Attachment> attachments = new ArrayList<>();
        boolean anyLocal = false;
        for (LocalPort local : localLports.getOrDefault(node, Map.of()).values()) {
            if (local.network.equals(networkId)) {
                anyLocal = true;
                if (local.attachment != null) {
                    attachments.add(local.attachment);
                }
            }
        }
        final List<FlowSpec> flows = new ArrayList<>();
        if (anyLocal && networkKey != null) {
            flows.addAll(TunnelApp.ingressFlows(nodeInfo, network, networkKey));
            final String type = network.tunnelType();
            final Set<Long> destinations = new TreeSet<>();
            if (type != null) {
                for (String lportId : lportsByNetwork.getOrDefault(networkId, Set.of())) {
                    final LportInfo lport = lports.get(lportId);
                    // a sub-port or floating lport is flooded to at the host of the lport it follows
                    final LportInfo binding = lport == null ? null : bindingOf(lport, roles.roleOf(lport));
                    if (binding != null && TunnelApp.isRemote(nodeInfo, binding)) {
                        final Long ip = TunnelApp.ipv4(TunnelApp.destination(binding,
                            chassisIp(binding.chassis())));
                        if (ip != null) {
                            destinations.add(ip);
                        }
                    }
                }
            }
            if (destinations.size() > L2App.MAX_FLOOD_DESTINATIONS) {
                LOG.warn("{}: network {} floods to the first {} of its {} remote hosts only", node, networkId,
                    L2App.MAX_FLOOD_DESTINATIONS, destinations.size());
            }
            flows.addAll(L2App.floodFlows(networkKey, network.segmentationId(), attachments, destinations,
                type == null ? null : nodeInfo.tunnelPort(type)));
        }
        reconciler.setFlows(node, NETWORK_OWNER + networkId, flows);
    }

    private String chassisIp(final String chassisId) {
        return chassisId == null ? null : chassisIps.get(chassisId);
    }

    /** An lport local on a node: its network and where the network floods to it (null: nowhere). */
    private static final class LocalPort {
        final String network;
        final L2App.Attachment attachment;

        LocalPort(final String network, final L2App.Attachment attachment) {
            this.network = requireNonNull(network);
            this.attachment = attachment;
        }

        @Override
        public boolean equals(final Object obj) {
            return obj instanceof LocalPort && ((LocalPort) obj).network.equals(network)
                && Objects.equals(((LocalPort) obj).attachment, attachment);
        }

        @Override
        public int hashCode() {
            return Objects.hash(network, attachment);
        }
    }
}
