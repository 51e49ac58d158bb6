/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.ovsdb;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A bridge of an OVS node, as the OVSDB monitor reports it: its southbound node id, the node it belongs to,
 * its name, controller targets, datapath id and ports by name. Immutable.
 */
public final class OvsdbBridge {
    private final String bridgeNodeId;
    private final String switchNodeId;
    private final String name;
    private final Set<String> controllerTargets;
    private final String datapathId;
    private final Map<String, String> otherConfig;
    private final Map<String, OvsdbPort> ports;

    public OvsdbBridge(final String bridgeNodeId, final String switchNodeId, final String name,
            final Set<String> controllerTargets, final String datapathId, final Map<String, String> otherConfig,
            final Map<String, OvsdbPort> ports) {
        this.bridgeNodeId = requireNonNull(bridgeNodeId);
        this.switchNodeId = requireNonNull(switchNodeId);
        this.name = requireNonNull(name);
        this.controllerTargets = Set.copyOf(controllerTargets);
        this.datapathId = datapathId;
        this.otherConfig = Map.copyOf(otherConfig);
        this.ports = Map.copyOf(ports);
    }

    public String bridgeNodeId() {
        return bridgeNodeId;
    }

    /** The southbound node id of the OVS node this bridge belongs to. */
    public String switchNodeId() {
        return switchNodeId;
    }

    public String name() {
        return name;
    }

    public Set<String> controllerTargets() {
        return controllerTargets;
    }

    /** The datapath id as OVS reports it ({@code 00:00:...}), or null before it has one. */
    public String datapathId() {
        return datapathId;
    }

    /** The bridge's other_config (datapath-id, disable-in-band, ...): kept when flowtun updates the bridge. */
    public Map<String, String> otherConfig() {
        return otherConfig;
    }

    public Map<String, OvsdbPort> ports() {
        return ports;
    }

    @Override
    public boolean equals(final Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof OvsdbBridge)) {
            return false;
        }
        final OvsdbBridge other = (OvsdbBridge) obj;
        return bridgeNodeId.equals(other.bridgeNodeId) && switchNodeId.equals(other.switchNodeId)
            && name.equals(other.name) && controllerTargets.equals(other.controllerTargets)
            && Objects.equals(datapathId, other.datapathId) && otherConfig.equals(other.otherConfig)
            && ports.equals(other.ports);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bridgeNodeId, switchNodeId, name, controllerTargets, datapathId, otherConfig, ports);
    }

    @Override
    public String toString() {
        return bridgeNodeId + ports.keySet();
    }
}
