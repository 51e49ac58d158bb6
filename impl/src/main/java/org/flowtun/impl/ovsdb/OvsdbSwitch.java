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

    public OvsdbSwitch(final String nodeId, final String systemId, final String localIp,
            final String controllerAddress) {
        this.nodeId = requireNonNull(nodeId);
        this.systemId = systemId;
        this.localIp = localIp;
        this.controllerAddress = controllerAddress;
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
            && Objects.equals(localIp, other.localIp) && Objects.equals(controllerAddress, other.controllerAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeId, systemId, localIp, controllerAddress);
    }

    @Override
    public String toString() {
        return nodeId + "[system-id=" + systemId + ", local_ip=" + localIp + "]";
    }
}
