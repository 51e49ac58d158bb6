/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowtun.impl.NetworkKind;
import org.flowtun.impl.flow.FlowAction;
import org.junit.Test;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Locality;

public class ProviderAppTest {
    private static final NodeInfo MAPPED = new NodeInfo("ovsdb://uuid/a", "chassis-a", "openflow:1",
        Map.of("vm-1", 7L), Map.of("vxlan", 1L), Map.of("physnet1", 4L));
    private static final NodeInfo UNMAPPED = new NodeInfo("ovsdb://uuid/a", "chassis-a", "openflow:1",
        Map.of("vm-1", 7L), Map.of("vxlan", 1L), Map.of("physnet2", 5L));
    private static final NetworkInfo VLAN = new NetworkInfo("v", NetworkKind.VLAN, 100, "physnet1");
    private static final NetworkInfo FLAT = new NetworkInfo("f", NetworkKind.FLAT, 0, "physnet1");
    private static final LportInfo ON_B = new LportInfo("p", "v", null, "chassis-b", null, null);

    @Test
    public void aRemotePortOfAVlanNetworkLeavesTaggedThroughThePatchPort() {
        final Placement placement = ProviderApp.place(MAPPED, ON_B, VLAN, 9).orElseThrow();
        assertEquals(Locality.Remote, placement.locality());
        assertEquals(List.of("table=75,priority=100,reg7=0x9 actions=push_vlan:0x8100,set_field:4196->vlan_vid,"
            + "output:4"), TunnelAppTest.texts(placement.flows()));
    }

    @Test
    public void aRemotePortOfAFlatNetworkLeavesUntagged() {
        assertEquals(List.of("table=75,priority=100,reg7=0x9 actions=output:4"),
            TunnelAppTest.texts(ProviderApp.place(MAPPED, ON_B, FLAT, 9).orElseThrow().flows()));
    }

    @Test
    public void aNodeThatDoesNotReachThePhysicalNetworkGivesItsRemotePortsNoLocality() {
        assertEquals(Placement.NONE, ProviderApp.place(UNMAPPED, ON_B, VLAN, 9).orElseThrow());
        assertTrue(ProviderApp.networkFlows(UNMAPPED, VLAN, 3).isEmpty());
        assertNull(ProviderApp.floodCopy(UNMAPPED, VLAN));
        assertTrue(ProviderApp.unreachable(UNMAPPED, VLAN));
        assertTrue(!ProviderApp.unreachable(MAPPED, VLAN));
    }

    @Test
    public void aPortBoundHereIsNotRemote() {
        final LportInfo here = new LportInfo("vm-1", "v", null, "chassis-a", null, null);
        assertEquals(Optional.empty(), ProviderApp.place(MAPPED, here, VLAN, 9));
    }

    @Test
    public void ingressFromThePatchPortPopsTheNetworksVlanOrTakesUntaggedFrames() {
        assertEquals(List.of("table=0,priority=100,in_port=4,dl_vlan=100 actions=pop_vlan,write_metadata:0x3,"
            + "goto_table:100", "table=55,priority=10,metadata=0x3 actions=push_vlan:0x8100,set_field:4196->vlan_vid,"
            + "output:4"), TunnelAppTest.texts(ProviderApp.networkFlows(MAPPED, VLAN, 3)));
        assertEquals(List.of("table=0,priority=100,in_port=4,vlan_tci=0x0000/0x1fff actions=write_metadata:0x3,"
            + "goto_table:100", "table=55,priority=10,metadata=0x3 actions=output:4"),
            TunnelAppTest.texts(ProviderApp.networkFlows(MAPPED, FLAT, 3)));
        assertTrue("a tunnel network is not the provider app's",
            ProviderApp.networkFlows(MAPPED, new NetworkInfo("t", NetworkKind.VXLAN, 100), 3).isEmpty());
    }

    @Test
    public void floodingSendsOneCopyToTheWireAndNoneBackFromIt() {
        final List<FlowAction> copy = ProviderApp.floodCopy(MAPPED, VLAN);
        assertEquals(List.of(FlowAction.pushVlan(), FlowAction.setVlanVid(100), FlowAction.output(4)), copy);
        final List<String> flows = TunnelAppTest.texts(L2App.floodFlows(3, 100, List.of(L2App.Attachment.untagged(7)),
            List.of(), null, copy));
        assertEquals(2, flows.size());
        assertTrue(flows.get(0), flows.get(0).contains("output:7") && flows.get(0).contains("output:4"));
        assertTrue("from the wire only to local ports", flows.get(1).endsWith("actions=output:7"));
    }
}
