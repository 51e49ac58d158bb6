/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.ovsdb;

/**
 * How flowtun names the patch-port pair that links the integration bridge to a physical network's bridge, as
 * Neutron's OVS agent names it: {@code int-<bridge>} on the integration bridge and {@code phy-<bridge>} on the
 * physical network's bridge, each the other's {@code options:peer}. The names (with type {@code patch} and that
 * peer) are what marks a port as flowtun's: a port that does not match is never touched. (The OVSDB southbound of
 * this release cannot create a port with external ids, so no external id can mark them.) Pure.
 */
public final class PatchPorts {
    public static final String TYPE = "patch";
    public static final String PEER = "peer";
    private static final String INTEGRATION_PREFIX = "int-";
    private static final String PHYSICAL_PREFIX = "phy-";

    private PatchPorts() {
    }

    /** The name of the integration bridge's end toward {@code bridge}. */
    public static String integrationSide(final String bridge) {
        return INTEGRATION_PREFIX + bridge;
    }

    /** The name of {@code bridge}'s end toward the integration bridge. */
    public static String physicalSide(final String bridge) {
        return PHYSICAL_PREFIX + bridge;
    }

    /** The bridge an integration-side end leads to, or null when the port is not such an end. */
    public static String bridgeOfIntegrationSide(final OvsdbPort port) {
        if (!TYPE.equals(port.type()) || !port.name().startsWith(INTEGRATION_PREFIX)) {
            return null;
        }
        final String bridge = port.name().substring(INTEGRATION_PREFIX.length());
        return physicalSide(bridge).equals(port.options().get(PEER)) ? bridge : null;
    }

    /** Whether the port is the end flowtun puts on {@code bridge} (a physical network's bridge). */
    public static boolean isPhysicalSide(final OvsdbPort port, final String bridge) {
        return TYPE.equals(port.type()) && physicalSide(bridge).equals(port.name())
            && integrationSide(bridge).equals(port.options().get(PEER));
    }
}
