/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.ovsdb;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An OVS node as the OVSDB southbound reports it: its southbound node id, chassis id
 * ({@code external_ids:system-id}), tunnel endpoint ({@code other_config:local_ip}) and the address on which
 * it reached this controller. Immutable.
 */
public final class OvsdbSwitch {
    private final String nodeId;
    private final String systemId;
    private final String localIp;
    private final String controllerAddress;
    private final Set<String> bridges;
    private final BridgeMappings bridgeMappings;

    public OvsdbSwitch(final String nodeId, final String systemId, final String localIp,
            final String controllerAddress) {
        this(nodeId, systemId, localIp, controllerAddress, Set.of());
    }

    public OvsdbSwitch(final String nodeId, final String systemId, final String localIp,
            final String controllerAddress, final Set<String> bridges) {
        this(nodeId, systemId, localIp, controllerAddress, bridges, null);
    }

    /**
     * An OVS node with its bridge mappings.
     *
     * @param bridgeMappings {@code external_ids:flowtun-bridge-mappings} as OVS has it, or null
     */
    public OvsdbSwitch(final String nodeId, final String systemId, final String localIp,
            final String controllerAddress, final Set<String> bridges, final String bridgeMappings) {
        this.nodeId = requireNonNull(nodeId);
        this.systemId = systemId;
        this.localIp = localIp;
        this.controllerAddress = controllerAddress;
        this.bridges = Set.copyOf(bridges);
        // parsed once: every app that asks reads the same mappings
        this.bridgeMappings = BridgeMappings.parse(bridgeMappings);
    }

    /** The physical networks the node reaches, and through which bridge (see {@link BridgeMappings}). */
    public BridgeMappings bridgeMappings(final String integrationBridge) {
        return bridgeMappings.forIntegrationBridge(integrationBridge);
    }

    /**
     * Whether OVS reports a bridge of this node id (the switch's own node lists its bridges; the bridge's node, with
     * its ports and controllers, may be heard later: in a cluster it often is).
     */
    public boolean hasBridge(final String bridgeNodeId) {
        return bridges.contains(bridgeNodeId);
    }

    public String nodeId() {
        return nodeId;
    }

    /** The chassis id: {@code Open_vSwitch external_ids:system-id}. */
    public Optional<String> systemId() {
        return Optional.ofNullable(systemId);
    }

    /** The tunnel endpoint: {@code Open_vSwitch other_config:local_ip}. */
    public Optional<String> localIp() {
        return Optional.ofNullable(localIp);
    }

    /** This controller's address as the node's OVSDB connection sees it. */
    public Optional<String> controllerAddress() {
        return Optional.ofNullable(controllerAddress);
    }

    @Override
    public boolean equals(final Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof OvsdbSwitch)) {
            return false;
        }
        final OvsdbSwitch other = (OvsdbSwitch) obj;
        return nodeId.equals(other.nodeId) && Objects.equals(systemId, other.systemId)
            && Objects.equals(localIp, other.localIp) && Objects.equals(controllerAddress, other.controllerAddress)
            && bridges.equals(other.bridges) && bridgeMappings.equals(other.bridgeMappings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeId, systemId, localIp, controllerAddress, bridges);
    }

    @Override
    public String toString() {
        return nodeId + "[system-id=" + systemId + ", local_ip=" + localIp
            + (bridgeMappings.isEmpty() ? "" : ", bridge mappings " + bridgeMappings) + "]";
    }
}
