/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

public class L2AppTest {
    @Test
    public void aLocalPortIsFoundByItsMacAndDeliveredToItsPort() {
        assertEquals(List.of(
            "table=55,priority=100,metadata=0x3,dl_dst=fa:16:3e:00:00:01 actions=load:0x11->NXM_NX_REG7[],"
                + "goto_table:75",
            "table=100,priority=100,metadata=0x3,dl_dst=fa:16:3e:00:00:01 actions=load:0x11->NXM_NX_REG7[],"
                + "goto_table:115",
            "table=75,priority=100,reg7=0x11 actions=goto_table:115",
            "table=115,priority=100,reg7=0x11 actions=output:7"),
            TunnelAppTest.texts(L2App.localPortFlows(0x11, 3, "FA:16:3E:00:00:01", 7)));
    }

    @Test
    public void aLocalPortWithoutMacIsStillDelivered() {
        assertEquals(List.of("table=75,priority=100,reg7=0x11 actions=goto_table:115",
            "table=115,priority=100,reg7=0x11 actions=output:7"),
            TunnelAppTest.texts(L2App.localPortFlows(0x11, 3, null, 7)));
    }

    @Test
    public void aRemotePortsMacLeadsToItsEgressFlow() {
        assertEquals(List.of("table=55,priority=100,metadata=0x3,dl_dst=fa:16:3e:00:00:02 actions="
            + "load:0x12->NXM_NX_REG7[],goto_table:75"),
            TunnelAppTest.texts(L2App.remotePortFlows(0x12, 3, "fa:16:3e:00:00:02")));
        assertEquals(List.of(), L2App.remotePortFlows(0x12, 3, null));
    }

    @Test
    public void broadcastGoesToLocalPortsAndEveryRemoteHostButFromATunnelOnlyToLocalPorts() {
        assertEquals(List.of(
            "table=55,priority=50,metadata=0x3,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00 actions=group:3 "
                + "[group_id=3,type=all,bucket=actions=output:7,bucket=actions=output:8,"
                + "bucket=actions=set_field:0x64->tun_id,set_field:10.0.0.2->tun_dst,output:1,"
                + "bucket=actions=set_field:0x64->tun_id,set_field:10.0.0.3->tun_dst,output:1]",
            "table=100,priority=50,metadata=0x3,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00 actions=output:7,"
                + "output:8"),
            TunnelAppTest.texts(L2App.floodFlows(3, 100, List.of(L2App.Attachment.untagged(8),
                L2App.Attachment.untagged(7)), List.of(0x0a000002L, 0x0a000003L), 1L)));
    }

    @Test
    public void floodingToATrunkSubPortPushesItsVlanAndPopsItAfterwards() {
        assertEquals(List.of(
            "table=55,priority=50,metadata=0x3,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00 actions=group:3 "
                + "[group_id=3,type=all,bucket=actions=output:7,"
                + "bucket=actions=push_vlan:0x8100,set_field:4196->vlan_vid,output:5,"
                + "bucket=actions=set_field:0x64->tun_id,set_field:10.0.0.2->tun_dst,output:1]",
            "table=100,priority=50,metadata=0x3,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00 actions=output:7,"
                + "push_vlan:0x8100,set_field:4196->vlan_vid,output:5,pop_vlan"),
            TunnelAppTest.texts(L2App.floodFlows(3, 100, List.of(L2App.Attachment.tagged(5, 100),
                L2App.Attachment.untagged(7)), List.of(0x0a000002L), 1L)));
    }

    @Test
    public void noLocalPortNoFlooding() {
        assertEquals(List.of(), L2App.floodFlows(3, 100, List.of(), List.of(0x0a000002L), 1L));
    }

    @Test
    public void moreRemoteHostsThanOneGroupHoldsGoInGroupsChainedFromTheNetworksGroup() {
        final List<Long> hosts = new java.util.ArrayList<>();
        for (long host = 1; host <= L2App.MAX_BUCKETS * 2 + 1; host++) {
            hosts.add(0x0a000000L + host);
        }
        final org.flowtun.impl.flow.FlowSpec flood = L2App.floodFlows(3, 100, List.of(L2App.Attachment.untagged(7)),
            hosts, 1L).get(0);
        final List<org.flowtun.impl.flow.GroupSpec> groups = flood.groups();
        assertEquals("three chained groups, then the network's", 4, groups.size());
        final org.flowtun.impl.flow.GroupSpec root = groups.get(3);
        assertEquals(3, root.groupId());
        assertEquals(List.of(List.of(org.flowtun.impl.flow.FlowAction.output(7)),
            List.of(org.flowtun.impl.flow.FlowAction.group(groups.get(0).groupId())),
            List.of(org.flowtun.impl.flow.FlowAction.group(groups.get(1).groupId())),
            List.of(org.flowtun.impl.flow.FlowAction.group(groups.get(2).groupId()))), root.buckets());
        assertEquals(List.of(L2App.MAX_BUCKETS, L2App.MAX_BUCKETS, 1), groups.subList(0, 3).stream()
            .map(group -> group.buckets().size()).collect(java.util.stream.Collectors.toList()));
        assertEquals("every host once", hosts.size(), groups.subList(0, 3).stream()
            .mapToInt(group -> group.buckets().size()).sum());
    }
}
