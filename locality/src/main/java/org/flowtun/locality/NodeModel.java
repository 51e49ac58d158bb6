/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flowtun.api.TunnelPort;
import org.flowtun.impl.config.FlowtunConfig;
import org.flowtun.impl.flow.FlowReconciler;
import org.flowtun.impl.flow.OpenFlowNodeListener;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbPort;
import org.flowtun.impl.ovsdb.OvsdbSwitch;
import org.flowtun.impl.ovsdb.OvsdbTopology;
import org.flowtun.impl.ovsdb.PatchPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The locality service's one copy of the nodes: what the OVSDB monitor reports of each OVS (its chassis, its
 * integration bridge with the VM ports on it, the ofports of its virtual tunnel ports) and whether OpenFlowPlugin
 * has its switch connected, folded into one {@link NodeInfo} per node. It tells the {@link FlowReconciler} when a
 * node's switch is to be made exact: once connected, and once the node has settled (every configured tunnel port
 * has its ofport, or {@link #SETTLE_NANOS} have passed since it joined), since before that a remote port's flow
 * could not be built and would be taken for stale.
 *
 * <p>Each input returns what changed for the placement of lports ({@link Change}); confined to the locality thread.
 */
final class NodeModel {
    /** What an input changed: a node joined, left, or changed (what placement must redo follows from it). */
    static final class Change {
        static final Change NONE = new Change(null, null, null);

        private final String nodeId;
        private final NodeInfo before;
        private final NodeInfo after;

        Change(final String nodeId, final NodeInfo before, final NodeInfo after) {
            this.nodeId = nodeId;
            this.before = before;
            this.after = after;
        }

        String nodeId() {
            return nodeId;
        }

        boolean joined() {
            return before == null && after != null;
        }

        boolean left() {
            return before != null && after == null;
        }

        /**
         * Whether every lport must be placed again on the node (it joined, or its chassis, tunnel ports or patch ports
         * changed);
         * otherwise only the lports of {@link #movedLports()}.
         */
        boolean affectsEveryLport() {
            return joined() || after != null && (!Objects.equals(before.chassisId(), after.chassisId())
                || !before.tunnelPorts().equals(after.tunnelPorts())
                || !before.providerPorts().equals(after.providerPorts()));
        }

        /** The lports whose VM port on the node appeared, went or changed ofport. */
        Set<String> movedLports() {
            if (before == null || after == null) {
                return Set.of();
            }
            final Set<String> moved = new HashSet<>();
            before.vmPorts().forEach((lport, ofport) -> {
                if (!ofport.equals(after.vmPort(lport))) {
                    moved.add(lport);
                }
            });
            after.vmPorts().forEach((lport, ofport) -> {
                if (!ofport.equals(before.vmPort(lport))) {
                    moved.add(lport);
                }
            });
            return moved;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(NodeModel.class);
    static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ScheduledExecutorService executor;
    private final FlowReconciler<?> reconciler;
    /** Run (on the locality thread) when a node settled and its switch can be made exact. */
    private final Runnable settled;

    private final Map<String, OvsdbSwitch> switches = new HashMap<>();
    private final Map<String, Map<String, OvsdbBridge>> bridges = new HashMap<>();
    private final Map<String, Map<String, Long>> tunnelPorts = new HashMap<>();
    private final Map<String, NodeInfo> nodes = new HashMap<>();
    /** lport (iface-id) to the nodes with a VM port for it on their integration bridge. */
    private final Map<String, Set<String>> nodesByVmPort = new HashMap<>();
    private final Set<String> connectedSwitches = new HashSet<>();
    private final Map<String, Long> joinedAt = new HashMap<>();
    /** Nodes with a settle check scheduled (one at a time). */
    private final Set<String> settling = new HashSet<>();
    /** Nodes whose connection the reconciler must hear of again at the next {@link #updateConnections}. */
    private final Set<String> connectionDirty = new HashSet<>();
    private String integrationBridge;

    NodeModel(final ScheduledExecutorService executor, final FlowReconciler<?> reconciler, final Runnable settled) {
        this.executor = requireNonNull(executor);
        this.reconciler = requireNonNull(reconciler);
        this.settled = requireNonNull(settled);
    }

    NodeInfo node(final String nodeId) {
        return nodes.get(nodeId);
    }

    boolean contains(final String nodeId) {
        return nodes.containsKey(nodeId);
    }

    Set<String> nodeIds() {
        return Collections.unmodifiableSet(nodes.keySet());
    }

    /** The nodes with a VM port for the lport (its {@code iface-id}): the only ones where it can be local. */
    Set<String> nodesWithVmPort(final String lportId) {
        return Collections.unmodifiableSet(nodesByVmPort.getOrDefault(lportId, Set.of()));
    }

    /** The configuration changed: every node's connection is looked at again; a new bridge name re-reads all. */
    List<Change> configurationChanged(final FlowtunConfig config) {
        connectionDirty.addAll(nodes.keySet());
        if (config.integrationBridge().equals(integrationBridge)) {
            return List.of();
        }
        integrationBridge = config.integrationBridge();
        return switches.keySet().stream().map(this::refresh).collect(java.util.stream.Collectors.toList());
    }

    Change switchUpdated(final OvsdbSwitch ovsdbSwitch) {
        switches.put(ovsdbSwitch.nodeId(), ovsdbSwitch);
        return refresh(ovsdbSwitch.nodeId());
    }

    Change switchRemoved(final String switchNodeId) {
        switches.remove(switchNodeId);
        bridges.remove(switchNodeId);
        return refresh(switchNodeId);
    }

    Change bridgeUpdated(final OvsdbBridge bridge) {
        bridges.computeIfAbsent(bridge.switchNodeId(), id -> new HashMap<>()).put(bridge.name(), bridge);
        return refresh(bridge.switchNodeId());
    }

    Change bridgeRemoved(final String bridgeNodeId) {
        final String switchNodeId = OvsdbTopology.switchNodeIdOf(bridgeNodeId);
        final Map<String, OvsdbBridge> ofSwitch = bridges.get(switchNodeId);
        if (ofSwitch != null) {
            ofSwitch.values().removeIf(bridge -> bridge.bridgeNodeId().equals(bridgeNodeId));
        }
        return refresh(switchNodeId);
    }

    Change tunnelPortChanged(final TunnelPort previous, final TunnelPort current) {
        final TunnelPort port = current != null ? current : previous;
        final Map<String, Long> ofports = tunnelPorts.computeIfAbsent(port.nodeId(), id -> new HashMap<>());
        if (current != null && current.hasOfport()) {
            ofports.put(port.type(), current.ofport());
        } else {
            ofports.remove(port.type());
        }
        return refresh(port.nodeId());
    }

    void openflowConnected(final String openflowNodeId) {
        connectedSwitches.add(openflowNodeId);
        markConnection(openflowNodeId);
    }

    /**
     * The switch connected again without having been reported gone: what it holds is unknown (after a restart of
     * ovs-vswitchd, nothing), so its node is made exact again as on a first connection.
     */
    void openflowReconnected(final String openflowNodeId) {
        LOG.info("{}: switch reconnected; its flows are replaced", openflowNodeId);
        connectedSwitches.add(openflowNodeId);
        for (NodeInfo node : nodes.values()) {
            if (openflowNodeId.equals(node.openflowNodeId())) {
                reconciler.disconnected(node.nodeId());
                connectionDirty.add(node.nodeId());
            }
        }
    }

    void openflowDisconnected(final String openflowNodeId) {
        connectedSwitches.remove(openflowNodeId);
        markConnection(openflowNodeId);
    }

    private void markConnection(final String openflowNodeId) {
        nodes.values().stream().filter(node -> openflowNodeId.equals(node.openflowNodeId()))
            .forEach(node -> connectionDirty.add(node.nodeId()));
    }

    /** Tells the reconciler, for every node whose connection or settling changed, whether its switch is there. */
    void updateConnections(final FlowtunConfig config) {
        connectionDirty.forEach(nodeId -> updateConnection(nodeId, config));
        connectionDirty.clear();
    }

    private void updateConnection(final String nodeId, final FlowtunConfig config) {
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
        } else if (settling.add(nodeId)) {
            executor.schedule(() -> {
                settling.remove(nodeId);
                connectionDirty.add(nodeId);
                settled.run();
            }, SETTLE_NANOS - waited, TimeUnit.NANOSECONDS);
        }
    }

    private Change refresh(final String nodeId) {
        final OvsdbSwitch ovsdbSwitch = switches.get(nodeId);
        final NodeInfo before = nodes.get(nodeId);
        if (ovsdbSwitch == null) {
            if (before == null) {
                return Change.NONE;
            }
            LOG.info("{}: node left", nodeId);
            nodes.remove(nodeId);
            before.vmPorts().keySet().forEach(lport -> MultiMaps.remove(nodesByVmPort, lport, nodeId));
            joinedAt.remove(nodeId);
            connectionDirty.remove(nodeId);
            reconciler.removeNode(nodeId);
            return new Change(nodeId, before, null);
        }
        final OvsdbBridge bridge = integrationBridge == null ? null
            : bridges.getOrDefault(nodeId, Map.of()).get(integrationBridge);
        final Map<String, Long> vmPorts = new HashMap<>();
        final Map<String, Long> providerPorts = new HashMap<>();
        String openflowNodeId = null;
        if (bridge != null) {
            for (OvsdbPort port : bridge.ports().values()) {
                final Optional<String> ifaceId = port.ifaceId();
                if (ifaceId.isPresent() && port.ofport() > 0) {
                    vmPorts.put(ifaceId.get(), port.ofport());
                }
            }
            // the patch port toward each physical network the node maps (the tunnel manager's)
            ovsdbSwitch.bridgeMappings(integrationBridge).bridgeByNetwork().forEach((network, providerBridge) -> {
                final OvsdbPort patch = bridge.ports().get(PatchPorts.integrationSide(providerBridge));
                if (patch != null && patch.ofport() > 0 && providerBridge.equals(PatchPorts.bridgeOfIntegrationSide(
                        patch))) {
                    providerPorts.put(network, patch.ofport());
                }
            });
            if (bridge.datapathId() != null) {
                openflowNodeId = OpenFlowNodeListener.openflowNodeId(bridge.datapathId());
            }
        }
        final NodeInfo after = new NodeInfo(nodeId, ovsdbSwitch.systemId().orElse(null), openflowNodeId, vmPorts,
            tunnelPorts.getOrDefault(nodeId, Map.of()), providerPorts);
        if (after.equals(before)) {
            return Change.NONE;
        }
        nodes.put(nodeId, after);
        if (before != null) {
            before.vmPorts().keySet().stream().filter(lport -> !vmPorts.containsKey(lport))
                .forEach(lport -> MultiMaps.remove(nodesByVmPort, lport, nodeId));
        }
        vmPorts.keySet().forEach(lport -> MultiMaps.add(nodesByVmPort, lport, nodeId));
        if (before == null) {
            LOG.info("{}: node of chassis {} joined", nodeId, after.chassisId());
            joinedAt.put(nodeId, System.nanoTime());
        }
        connectionDirty.add(nodeId);
        return new Change(nodeId, before, after);
    }
}
