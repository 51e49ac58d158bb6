/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.tunnel;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Objects;
import org.flowtun.impl.ovsdb.OvsdbPort;
import org.flowtun.impl.ovsdb.PatchPorts;

/**
 * One end of the patch-port pair that links the integration bridge to a physical network's bridge, named as
 * {@link PatchPorts} says ({@code int-<bridge>} on the integration bridge, {@code phy-<bridge>} on the physical
 * network's bridge), each the other's {@code options:peer}.
 */
public final class PatchPortSpec {
    private final String bridge;
    private final String name;
    private final String peer;
    private final String physicalNetwork;

    private PatchPortSpec(final String bridge, final String name, final String peer, final String physicalNetwork) {
        this.bridge = requireNonNull(bridge);
        this.name = requireNonNull(name);
        this.peer = requireNonNull(peer);
        this.physicalNetwork = requireNonNull(physicalNetwork);
    }

    /** The end on the integration bridge. */
    public static PatchPortSpec integrationSide(final String integrationBridge, final String physicalNetwork,
            final String providerBridge) {
        return new PatchPortSpec(integrationBridge, PatchPorts.integrationSide(providerBridge),
            PatchPorts.physicalSide(providerBridge), physicalNetwork);
    }

    /** The end on the physical network's bridge. */
    public static PatchPortSpec providerSide(final String physicalNetwork, final String providerBridge) {
        return new PatchPortSpec(providerBridge, PatchPorts.physicalSide(providerBridge),
            PatchPorts.integrationSide(providerBridge), physicalNetwork);
    }

    /** The bridge this end is on. */
    public String bridge() {
        return bridge;
    }

    public String name() {
        return name;
    }

    /** The physical network the pair leads to (for the logs). */
    public String physicalNetwork() {
        return physicalNetwork;
    }

    public Map<String, String> options() {
        return Map.of(PatchPorts.PEER, peer);
    }

    /** Whether OVS has this end as it should be. */
    public boolean matches(final OvsdbPort existing) {
        return existing != null && PatchPorts.TYPE.equals(existing.type()) && existing.options().equals(options());
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof PatchPortSpec && bridge.equals(((PatchPortSpec) obj).bridge)
            && name.equals(((PatchPortSpec) obj).name) && peer.equals(((PatchPortSpec) obj).peer)
            && physicalNetwork.equals(((PatchPortSpec) obj).physicalNetwork);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bridge, name, peer, physicalNetwork);
    }

    @Override
    public String toString() {
        return bridge + ":" + name + "(peer " + peer + ", " + physicalNetwork + ")";
    }
}
