/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbSwitch;
import org.flowtun.impl.ovsdb.SwitchStateCache;
import org.flowtun.impl.ovsdb.SwitchStateListener;
import org.opendaylight.yangtools.concepts.Registration;

/** The OVSDB state the southbound plugin would report, replayed to listeners as SwitchStateStore does. */
final class HarnessSwitches implements SwitchStateCache {
    private final Map<String, OvsdbSwitch> switches = new HashMap<>();
    private final Map<String, OvsdbBridge> bridges = new HashMap<>();
    private final List<SwitchStateListener> listeners = new CopyOnWriteArrayList<>();

    synchronized void update(final OvsdbSwitch ovsdbSwitch) {
        switches.put(ovsdbSwitch.nodeId(), ovsdbSwitch);
        listeners.forEach(listener -> listener.switchUpdated(ovsdbSwitch));
    }

    synchronized void update(final OvsdbBridge bridge) {
        bridges.put(bridge.bridgeNodeId(), bridge);
        listeners.forEach(listener -> listener.bridgeUpdated(bridge));
    }

    @Override
    public synchronized Optional<OvsdbSwitch> ovsdbSwitch(final String switchNodeId) {
        return Optional.ofNullable(switches.get(switchNodeId));
    }

    @Override
    public synchronized Collection<OvsdbSwitch> switches() {
        return List.copyOf(switches.values());
    }

    @Override
    public synchronized Optional<OvsdbBridge> bridge(final String switchNodeId, final String bridgeName) {
        return bridges.values().stream().filter(b -> b.switchNodeId().equals(switchNodeId)
            && b.name().equals(bridgeName)).findFirst();
    }

    @Override
    public synchronized Collection<OvsdbBridge> bridges(final String switchNodeId) {
        return bridges.values().stream().filter(b -> b.switchNodeId().equals(switchNodeId))
            .collect(java.util.stream.Collectors.toList());
    }

    @Override
    public synchronized Registration register(final SwitchStateListener listener) {
        switches.values().forEach(listener::switchUpdated);
        bridges.values().forEach(listener::bridgeUpdated);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
