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

import java.util.List;
import org.junit.Test;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Locality;

public class TrunkAndDnatAppTest {
    @Test
    public void localSubPortIsTheParentPortsVlanBothWays() {
        final Placement placement = TrunkApp.localPlacement(0x21, 4, "FA:16:3E:00:00:21", 7, 100);
        assertEquals(Locality.Local, placement.locality());
        assertEquals(L2App.Attachment.tagged(7, 100), placement.attachment());
        assertEquals(List.of(
            "table=0,priority=110,in_port=7,dl_vlan=100 actions=pop_vlan,load:0x21->NXM_NX_REG6[],"
                + "write_metadata:0x4,goto_table:55",
            "table=55,priority=100,metadata=0x4,dl_dst=fa:16:3e:00:00:21 actions=load:0x21->NXM_NX_REG7[],"
                + "goto_table:75",
            "table=100,priority=100,metadata=0x4,dl_dst=fa:16:3e:00:00:21 actions=load:0x21->NXM_NX_REG7[],"
                + "goto_table:115",
            "table=75,priority=100,reg7=0x21 actions=goto_table:115",
            "table=115,priority=100,reg7=0x21 actions=push_vlan:0x8100,set_field:4196->vlan_vid,output:7"),
            TunnelAppTest.texts(placement.flows()));
    }

    @Test
    public void localFloatingIpTranslatesToTheAssociatedPortAndIsNotFloodedTo() {
        final Placement placement = DnatApp.localPlacement(0x31, 5, "fa:16:3e:00:00:31",
            L2App.Attachment.untagged(7), "fa:16:3e:00:00:01",
            "10.0.0.5");
        assertEquals(Locality.Local, placement.locality());
        assertNull(placement.attachment());
        assertEquals(List.of(
            "table=55,priority=100,metadata=0x5,dl_dst=fa:16:3e:00:00:31 actions=load:0x31->NXM_NX_REG7[],"
                + "goto_table:75",
            "table=100,priority=100,metadata=0x5,dl_dst=fa:16:3e:00:00:31 actions=load:0x31->NXM_NX_REG7[],"
                + "goto_table:115",
            "table=75,priority=100,reg7=0x31 actions=goto_table:115",
            "table=115,priority=100,ip,reg7=0x31 actions=set_field:fa:16:3e:00:00:01->eth_dst,"
                + "set_field:10.0.0.5->ip_dst,output:7"),
            TunnelAppTest.texts(placement.flows()));
    }

    @Test
    public void theFixedIpIsTheFloatingIpsOwnElseTheAssociatedPortsFirstIpv4() {
        final LportInfo associated = new LportInfo("vm", "net", null, "a", null, "fa:16:3e:00:00:01", "10.0.0.9",
            false);
        assertEquals("10.0.0.5", DnatApp.fixedIp("10.0.0.5", associated));
        assertEquals("10.0.0.9", DnatApp.fixedIp(null, associated));
        assertEquals("10.0.0.9", DnatApp.fixedIp("2001:db8::5", associated));
    }
}
