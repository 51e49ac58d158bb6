/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowtun.impl.NetworkKind;
import org.flowtun.impl.flow.FlowSpec;
import org.junit.Test;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Locality;

public class TunnelAppTest {
    private static final NodeInfo NODE = new NodeInfo("ovsdb://uuid/a", "chassis-a", "openflow:1",
        Map.of("vm-1", 7L), Map.of("vxlan", 1L, "gre", 2L, "geneve", 3L));
    private static final NetworkInfo VXLAN = new NetworkInfo("net", NetworkKind.VXLAN, 100);

    @Test
    public void remotePortOfAnotherCloudGetsTheSpecEgressFlow() {
        final LportInfo far = new LportInfo("far", "net", null, null, "192.168.31.91", null);
        final Placement placement = TunnelApp.place(NODE, far, VXLAN, null, 5).orElseThrow();
        assertEquals(Locality.Remote, placement.locality());
        assertEquals(List.of("table=75,priority=100,reg7=0x5 actions=set_field:0x64->tun_id,"
            + "set_field:192.168.31.91->tun_dst,output:1"), texts(placement.flows()));
    }

    @Test
    public void portOnAnotherChassisIsTunnelledToThatChassisIpThroughTheTypesPort() {
        final LportInfo onB = new LportInfo("p", "net", null, "chassis-b", null, null);
        final NetworkInfo gre = new NetworkInfo("net", NetworkKind.GRE, 4000000000L);
        final Placement placement = TunnelApp.place(NODE, onB, gre, "10.0.0.2", 9).orElseThrow();
        assertEquals(List.of("table=75,priority=100,reg7=0x9 actions=set_field:0xee6b2800->tun_id,"
            + "set_field:10.0.0.2->tun_dst,output:2"), texts(placement.flows()));
    }

    @Test
    public void portOnThisNodesChassisIsNotRemoteHere() {
        final LportInfo local = new LportInfo("vm-1", "net", null, "chassis-a", null, null);
        assertEquals(Optional.empty(), TunnelApp.place(NODE, local, VXLAN, "10.0.0.1", 5));
    }

    @Test
    public void remoteWithoutATunnelPortOfItsTypeWaitsForIt() {
        final NodeInfo noGeneve = NODE.withTunnelPorts(Map.of("vxlan", 1L));
        final LportInfo far = new LportInfo("far", "net", null, null, "192.168.31.91", null);
        final NetworkInfo geneve = new NetworkInfo("net", NetworkKind.GENEVE, 10);
        assertEquals(Placement.NONE, TunnelApp.place(noGeneve, far, geneve, null, 5).orElseThrow());
    }

    @Test
    public void remoteWhoseChassisHasNoIpYetWaits() {
        final LportInfo onB = new LportInfo("p", "net", null, "chassis-b", null, null);
        assertEquals(Placement.NONE, TunnelApp.place(NODE, onB, VXLAN, null, 5).orElseThrow());
    }

    @Test
    public void remoteOnAVlanNetworkIsRemoteWithoutTunnelFlows() {
        final LportInfo onB = new LportInfo("p", "net", null, "chassis-b", null, null);
        final Placement placement = TunnelApp.place(NODE, onB, new NetworkInfo("net", NetworkKind.VLAN, 10),
            "10.0.0.2", 5).orElseThrow();
        assertEquals(Locality.Remote, placement.locality());
        assertTrue(placement.flows().isEmpty());
    }

    @Test
    public void ingressFlowClassifiesTheNetworksTunnelTrafficFromTheTypesPort() {
        assertEquals(List.of("table=0,priority=100,tun_id=0x64,in_port=1 actions=write_metadata:0x4,goto_table:100"),
            texts(TunnelApp.ingressFlows(NODE, VXLAN, 4)));
        assertEquals(List.of(), TunnelApp.ingressFlows(NODE, new NetworkInfo("v", NetworkKind.VLAN, 3), 4));
    }

    @Test
    public void aChangedDestinationIsANewFlowWithTheSameKey() {
        final FlowSpec before = TunnelApp.egressFlow(5, 100, 0x0a000002L, 1);
        final FlowSpec after = TunnelApp.egressFlow(5, 100, 0x0a000003L, 1);
        assertEquals(before.key(), after.key());
        assertTrue(before.cookie() != after.cookie());
    }

    static List<String> texts(final List<FlowSpec> flows) {
        return flows.stream().map(FlowSpec::toString).collect(java.util.stream.Collectors.toList());
    }
}
