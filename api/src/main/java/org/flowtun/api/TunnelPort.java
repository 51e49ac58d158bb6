/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.api;

import static java.util.Objects.requireNonNull;

import java.util.Objects;

/**
 * A virtual tunnel port of one node: its tunnel type (gre, vxlan, geneve), name and OpenFlow port number
 * (0 while OVS has not assigned one).
 */
public final class TunnelPort {
    private final String nodeId;
    private final String type;
    private final String name;
    private final long ofport;

    public TunnelPort(final String nodeId, final String type, final String name, final long ofport) {
        this.nodeId = requireNonNull(nodeId);
        this.type = requireNonNull(type);
        this.name = requireNonNull(name);
        this.ofport = ofport;
    }

    public String nodeId() {
        return nodeId;
    }

    /** The tunnel type's identity name: {@code gre}, {@code vxlan} or {@code geneve}. */
    public String type() {
        return type;
    }

    public String name() {
        return name;
    }

    public long ofport() {
        return ofport;
    }

    public boolean hasOfport() {
        return ofport > 0;
    }

    @Override
    public boolean equals(final Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof TunnelPort)) {
            return false;
        }
        final TunnelPort other = (TunnelPort) obj;
        return ofport == other.ofport && nodeId.equals(other.nodeId) && type.equals(other.type)
            && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeId, type, name, ofport);
    }

    @Override
    public String toString() {
        return nodeId + "/" + name + "(ofport " + ofport + ")";
    }
}
