/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Objects;

/**
 * What the locality apps know of one node (an OVS connected over OVSDB): its chassis, its integration bridge's
 * OpenFlow node, the ofport of every VM port (by {@code iface-id}) and of every virtual tunnel port (by type).
 */
public final class NodeInfo {
    private final String nodeId;
    private final String chassisId;
    private final String openflowNodeId;
    private final Map<String, Long> vmPorts;
    private final Map<String, Long> tunnelPorts;
    private final Map<String, Long> providerPorts;

    public NodeInfo(final String nodeId, final String chassisId, final String openflowNodeId,
            final Map<String, Long> vmPorts, final Map<String, Long> tunnelPorts) {
        this(nodeId, chassisId, openflowNodeId, vmPorts, tunnelPorts, Map.of());
    }

    /**
     * A node.
     *
     * @param providerPorts physical network to the ofport of the integration bridge's patch port toward it
     */
    public NodeInfo(final String nodeId, final String chassisId, final String openflowNodeId,
            final Map<String, Long> vmPorts, final Map<String, Long> tunnelPorts,
            final Map<String, Long> providerPorts) {
        this.nodeId = requireNonNull(nodeId);
        this.chassisId = chassisId;
        this.openflowNodeId = openflowNodeId;
        this.vmPorts = Map.copyOf(vmPorts);
        this.tunnelPorts = Map.copyOf(tunnelPorts);
        this.providerPorts = Map.copyOf(providerPorts);
    }

    /** The ofport of the patch port toward {@code physicalNetwork}, or null when the node does not reach it. */
    public Long providerPort(final String physicalNetwork) {
        return physicalNetwork == null ? null : providerPorts.get(physicalNetwork);
    }

    public Map<String, Long> providerPorts() {
        return providerPorts;
    }

    public String nodeId() {
        return nodeId;
    }

    /** The node's chassis ({@code external_ids:system-id}), or null. */
    public String chassisId() {
        return chassisId;
    }

    /** The OpenFlow node id of the integration bridge ({@code openflow:<dpid>}), or null before it has one. */
    public String openflowNodeId() {
        return openflowNodeId;
    }

    /** The ofport of the OVS interface carrying {@code iface-id=lportId}, or null. */
    public Long vmPort(final String lportId) {
        return vmPorts.get(lportId);
    }

    public Map<String, Long> vmPorts() {
        return vmPorts;
    }

    /** The ofport of the node's virtual tunnel port of {@code type}, or null. */
    public Long tunnelPort(final String type) {
        return tunnelPorts.get(type);
    }

    public Map<String, Long> tunnelPorts() {
        return tunnelPorts;
    }

    public NodeInfo withTunnelPorts(final Map<String, Long> newTunnelPorts) {
        return new NodeInfo(nodeId, chassisId, openflowNodeId, vmPorts, newTunnelPorts, providerPorts);
    }

    @Override
    public boolean equals(final Object obj) {
        if (!(obj instanceof NodeInfo)) {
            return false;
        }
        final NodeInfo other = (NodeInfo) obj;
        return nodeId.equals(other.nodeId) && Objects.equals(chassisId, other.chassisId)
            && Objects.equals(openflowNodeId, other.openflowNodeId) && vmPorts.equals(other.vmPorts)
            && tunnelPorts.equals(other.tunnelPorts) && providerPorts.equals(other.providerPorts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeId, chassisId, openflowNodeId);
    }

    @Override
    public String toString() {
        return nodeId + "(chassis " + chassisId + ", " + openflowNodeId + ")";
    }
}
