/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.ovsdb;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * The {@link SwitchStateCache} implementation, fed by {@link OvsdbTopologyListener}.
 */
public final class SwitchStateStore implements SwitchStateCache {
    private final Map<String, OvsdbSwitch> switches = new ConcurrentHashMap<>();
    private final Map<String, OvsdbBridge> bridges = new ConcurrentHashMap<>();
    private final List<SwitchStateListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public Optional<OvsdbSwitch> ovsdbSwitch(final String switchNodeId) {
        return Optional.ofNullable(switches.get(switchNodeId));
    }

    @Override
    public Collection<OvsdbSwitch> switches() {
        return List.copyOf(switches.values());
    }

    @Override
    public Optional<OvsdbBridge> bridge(final String switchNodeId, final String bridgeName) {
        return Optional.ofNullable(bridges.get(OvsdbTopology.bridgeNodeId(switchNodeId, bridgeName)));
    }

    @Override
    public Collection<OvsdbBridge> bridges(final String switchNodeId) {
        return bridges.values().stream().filter(bridge -> bridge.switchNodeId().equals(switchNodeId))
            .collect(Collectors.toList());
    }

    @Override
    public synchronized Registration register(final SwitchStateListener listener) {
        requireNonNull(listener);
        switches.values().forEach(listener::switchUpdated);
        bridges.values().forEach(listener::bridgeUpdated);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    synchronized void updateSwitch(final OvsdbSwitch ovsdbSwitch) {
        if (!ovsdbSwitch.equals(switches.put(ovsdbSwitch.nodeId(), ovsdbSwitch))) {
            listeners.forEach(listener -> listener.switchUpdated(ovsdbSwitch));
        }
    }

    synchronized void updateBridge(final OvsdbBridge bridge) {
        if (!bridge.equals(bridges.put(bridge.bridgeNodeId(), bridge))) {
            listeners.forEach(listener -> listener.bridgeUpdated(bridge));
        }
    }

    synchronized void remove(final String nodeId) {
        if (switches.remove(nodeId) != null) {
            listeners.forEach(listener -> listener.switchRemoved(nodeId));
        }
        if (bridges.remove(nodeId) != null) {
            listeners.forEach(listener -> listener.bridgeRemoved(nodeId));
        }
    }
}
