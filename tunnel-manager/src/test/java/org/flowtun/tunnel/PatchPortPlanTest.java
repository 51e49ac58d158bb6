/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.tunnel;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowtun.impl.ovsdb.BridgeMappings;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbPort;
import org.junit.Test;

public class PatchPortPlanTest {
    private static final String NODE = "ovsdb://uuid/1";
    private static final BridgeMappings PHYSNET1 = BridgeMappings.parse("physnet1:br-prov", "br-int");
    private static final OvsdbPort NIC = new OvsdbPort("eth1", "", Map.of(), Map.of(), 1);

    @Test
    public void aMappedBridgeThatExistsGetsAPatchPairWithBrInt() {
        final PatchPortPlan plan = PatchPortPlan.compute("br-int", PHYSNET1,
            List.of(bridge("br-int", Map.of()), bridge("br-prov", Map.of("eth1", NIC))));
        assertEquals(List.of(PatchPortSpec.integrationSide("br-int", "physnet1", "br-prov"),
            PatchPortSpec.providerSide("physnet1", "br-prov")), plan.portsToWrite());
        final PatchPortSpec integration = plan.portsToWrite().get(0);
        assertEquals("br-int", integration.bridge());
        assertEquals("int-br-prov", integration.name());
        assertEquals(Map.of("peer", "phy-br-prov"), integration.options());
        assertEquals("phy-br-prov", plan.portsToWrite().get(1).name());
        assertEquals(Map.of("peer", "int-br-prov"), plan.portsToWrite().get(1).options());
        assertTrue("the NIC is the operator's", plan.portsToRemove().isEmpty());
    }

    @Test
    public void aPairInPlaceNeedsNothing() {
        assertTrue(PatchPortPlan.compute("br-int", PHYSNET1, List.of(
            bridge("br-int", Map.of("int-br-prov", patch("int-br-prov", "phy-br-prov", "physnet1", 5))),
            bridge("br-prov", Map.of("eth1", NIC, "phy-br-prov", patch("phy-br-prov", "int-br-prov", "physnet1", 2)))))
            .isEmpty());
    }

    @Test
    public void aMappedBridgeThatDoesNotExistGetsNothingAndIsNamed() {
        final PatchPortPlan plan = PatchPortPlan.compute("br-int", PHYSNET1, List.of(bridge("br-int", Map.of())));
        assertTrue(plan.isEmpty());
        assertEquals(Set.of("br-prov"), plan.missingBridges());
    }

    @Test
    public void aRemovedMappingTakesOnlyFlowtunsPatchPortsAway() {
        final OvsdbPort operatorsPatch = new OvsdbPort("patch-x", "patch", Map.of("peer", "y"), Map.of(), 9);
        final OvsdbPort likeOursButNot = new OvsdbPort("int-br-z", "patch", Map.of("peer", "elsewhere"), Map.of(), 8);
        final OvsdbPort ours = patch("int-br-prov", "phy-br-prov", "physnet1", 5);
        final OvsdbPort theirs = patch("phy-br-prov", "int-br-prov", "physnet1", 2);
        final PatchPortPlan plan = PatchPortPlan.compute("br-int", BridgeMappings.NONE, List.of(
            bridge("br-int", Map.of("int-br-prov", ours, "patch-x", operatorsPatch, "int-br-z", likeOursButNot)),
            bridge("br-prov", Map.of("eth1", NIC, "phy-br-prov", theirs))));
        assertEquals(Map.of("br-int", List.of(ours), "br-prov", List.of(theirs)), plan.portsToRemove());
        assertTrue(plan.portsToWrite().isEmpty());
    }

    @Test
    public void noIntegrationBridgeNoPatchPorts() {
        assertTrue(PatchPortPlan.compute("br-int", PHYSNET1, List.of(bridge("br-prov", Map.of()))).isEmpty());
    }

    private static OvsdbPort patch(final String name, final String peer, final String physnet, final long ofport) {
        return new OvsdbPort(name, "patch", Map.of("peer", peer), Map.of(), ofport);
    }

    private static OvsdbBridge bridge(final String name, final Map<String, OvsdbPort> ports) {
        return new OvsdbBridge(NODE + "/bridge/" + name, NODE, name, Set.of(), null, Map.of(), ports);
    }
}
