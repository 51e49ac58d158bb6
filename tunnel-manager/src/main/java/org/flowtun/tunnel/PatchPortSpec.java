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

/**
 * One end of the patch-port pair that links the integration bridge to a physical network's bridge, named as
 * Neutron's OVS agent names them: {@code int-<bridge>} on the integration bridge, {@code phy-<bridge>} on the
 * physical network's bridge, each the other's {@code options:peer}. Both carry
 * {@code external_ids:flowtun-physical-network=<physnet>}: that is how flowtun knows its own patch ports (and
 * never touches another port of the bridge), and how the locality service finds the port of a physical network.
 */
public final class PatchPortSpec {
    /** The interface external id that marks flowtun's patch ports; its value is the physical network. */
    public static final String PHYSICAL_NETWORK_ID = OvsdbPort.PHYSICAL_NETWORK;
    public static final String TYPE = "patch";
    private static final String INTEGRATION_PREFIX = "int-";
    private static final String PHYSICAL_PREFIX = "phy-";

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
        return new PatchPortSpec(integrationBridge, integrationPortName(providerBridge),
            PHYSICAL_PREFIX + providerBridge, physicalNetwork);
    }

    /** The end on the physical network's bridge. */
    public static PatchPortSpec providerSide(final String physicalNetwork, final String providerBridge) {
        return new PatchPortSpec(providerBridge, PHYSICAL_PREFIX + providerBridge,
            integrationPortName(providerBridge), physicalNetwork);
    }

    /** The name of the integration bridge's patch port toward {@code providerBridge}. */
    public static String integrationPortName(final String providerBridge) {
        return INTEGRATION_PREFIX + providerBridge;
    }

    /** The provider bridge an integration-side patch port leads to, from its name; null if it is not one. */
    public static String providerBridgeOf(final String integrationPortName) {
        return integrationPortName.startsWith(INTEGRATION_PREFIX)
            ? integrationPortName.substring(INTEGRATION_PREFIX.length()) : null;
    }

    /** Whether the port is one of flowtun's patch ports (whatever it links). */
    public static boolean isFlowtunPatchPort(final OvsdbPort port) {
        return port.externalIds().containsKey(PHYSICAL_NETWORK_ID);
    }

    /** The bridge this end is on. */
    public String bridge() {
        return bridge;
    }

    public String name() {
        return name;
    }

    public String physicalNetwork() {
        return physicalNetwork;
    }

    public Map<String, String> options() {
        return Map.of("peer", peer);
    }

    public Map<String, String> externalIds() {
        return Map.of(PHYSICAL_NETWORK_ID, physicalNetwork);
    }

    /** Whether OVS has this end as it should be. */
    public boolean matches(final OvsdbPort existing) {
        return existing != null && TYPE.equals(existing.type()) && existing.options().equals(options())
            && physicalNetwork.equals(existing.externalIds().get(PHYSICAL_NETWORK_ID));
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
