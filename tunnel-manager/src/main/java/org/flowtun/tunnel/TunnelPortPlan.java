/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.tunnel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.flowtun.impl.NetworkKind;
import org.flowtun.impl.config.FlowtunConfig;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbPort;
import org.flowtun.impl.ovsdb.OvsdbSwitch;
import org.flowtun.impl.ovsdb.OvsdbTopology;

/**
 * What a node needs for its integration bridge and virtual tunnel ports to match the configuration, computed
 * from what the OVSDB monitor reports (a pure function: {@link #compute}).
 */
public final class TunnelPortPlan {
    public enum BridgeAction {
        /** The bridge is as it should be. */
        NONE,
        /** There is no integration bridge: create it (fail-mode secure, OpenFlow13, controller, datapath type). */
        CREATE,
        /**
         * The bridge exists with other controllers than flowtun's target: set flowtun's and remove the others (an
         * earlier target of flowtun's, or another controller on the bridge flowtun owns); keep everything else.
         */
        SET_CONTROLLERS
    }

    public static final String OPENFLOW_PORT = "6653";

    private final BridgeAction bridgeAction;
    private final Set<String> controllerTargets;
    private final Set<String> controllersToRemove;
    private final List<TunnelPortSpec> portsToWrite;
    private final List<OvsdbPort> portsToRemove;

    private TunnelPortPlan(final BridgeAction bridgeAction, final Set<String> controllerTargets,
            final Set<String> controllersToRemove, final List<TunnelPortSpec> portsToWrite,
            final List<OvsdbPort> portsToRemove) {
        this.bridgeAction = bridgeAction;
        this.controllerTargets = Set.copyOf(controllerTargets);
        this.controllersToRemove = Set.copyOf(controllersToRemove);
        this.portsToWrite = List.copyOf(portsToWrite);
        this.portsToRemove = List.copyOf(portsToRemove);
    }

    /**
     * Computes the plan for one node.
     *
     * @param config flowtun's configuration
     * @param node the OVS node
     * @param bridge the node's integration bridge, if OVS reports one
     */
    public static TunnelPortPlan compute(final FlowtunConfig config, final OvsdbSwitch node,
            final Optional<OvsdbBridge> bridge) {
        final Set<String> targets = targetsFor(config, node);
        final Set<String> controllers = new HashSet<>();
        final Set<String> controllersToRemove = new HashSet<>();
        BridgeAction action = BridgeAction.NONE;
        if (bridge.isEmpty()) {
            // a bridge the switch lists but whose own node is not heard yet is not created again (the southbound
            // would add flowtun's controllers to it a second time): its node comes next
            if (!node.hasBridge(OvsdbTopology.bridgeNodeId(node.nodeId(), config.integrationBridge()))) {
                action = BridgeAction.CREATE;
                controllers.addAll(targets);
            }
        } else if (!targets.isEmpty() && !bridge.get().controllerTargets().equals(targets)) {
            action = BridgeAction.SET_CONTROLLERS;
            controllers.addAll(targets);
            controllersToRemove.addAll(bridge.get().controllerTargets());
            controllersToRemove.removeAll(targets);
        }

        final List<TunnelPortSpec> toWrite = new ArrayList<>();
        final List<OvsdbPort> toRemove = new ArrayList<>();
        if (bridge.isPresent()) {
            final Set<String> wanted = new HashSet<>();
            for (NetworkKind type : config.tunnelTypes()) {
                wanted.add(TunnelPortSpec.portName(type));
                if (node.localIp().isPresent()) {
                    final TunnelPortSpec spec = new TunnelPortSpec(type, node.localIp().get());
                    final OvsdbPort existing = bridge.get().ports().get(spec.name());
                    if (!matches(existing, spec)) {
                        toWrite.add(spec);
                    }
                }
            }
            for (OvsdbPort port : bridge.get().ports().values()) {
                if (port.isFlowBasedTunnel() && !wanted.contains(port.name())) {
                    toRemove.add(port);
                }
            }
        }
        return new TunnelPortPlan(action, controllers, controllersToRemove, toWrite, toRemove);
    }

    /**
     * flowtun's OpenFlow controller targets for a node: configured (one per cluster member in a cluster), or
     * tcp:(our address as the node sees it):6653.
     */
    public static Set<String> targetsFor(final FlowtunConfig config, final OvsdbSwitch node) {
        if (!config.controllerTargets().isEmpty()) {
            return config.controllerTargets();
        }
        return node.controllerAddress().map(address -> Set.of("tcp:" + (address.contains(":") ? "[" + address + "]"
            : address) + ":" + OPENFLOW_PORT)).orElse(Set.of());
    }

    private static boolean matches(final OvsdbPort existing, final TunnelPortSpec spec) {
        return existing != null && existing.type().equals(spec.type().yangName())
            && existing.options().equals(spec.options());
    }

    public BridgeAction bridgeAction() {
        return bridgeAction;
    }

    /** The controller targets the bridge must have (only meaningful when an action is needed). */
    public Set<String> controllerTargets() {
        return controllerTargets;
    }

    /** The controller targets the bridge has and must lose. */
    public Set<String> controllersToRemove() {
        return controllersToRemove;
    }

    public List<TunnelPortSpec> portsToWrite() {
        return portsToWrite;
    }

    public List<OvsdbPort> portsToRemove() {
        return portsToRemove;
    }

    public boolean isEmpty() {
        return bridgeAction == BridgeAction.NONE && portsToWrite.isEmpty() && portsToRemove.isEmpty();
    }

    @Override
    public String toString() {
        return "bridge " + bridgeAction + (controllersToRemove.isEmpty() ? "" : " (removing controllers "
            + controllersToRemove + ")") + ", write " + portsToWrite + ", remove " + portsToRemove;
    }
}
