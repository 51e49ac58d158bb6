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

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.flowtun.impl.flow.FlowAction;
import org.flowtun.impl.flow.GroupSpec;
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
        final List<GroupSpec> groups = floodGroups(L2App.MAX_BUCKETS * 2 + 1);
        assertEquals("five chained groups (half full on average), then the network's", 6, groups.size());
        final GroupSpec root = groups.get(5);
        assertEquals(3, root.groupId());
        assertEquals(List.of(FlowAction.output(7)), root.buckets().get(0));
        assertEquals(groups.subList(0, 5).stream().map(group -> List.of(FlowAction.group(group.groupId())))
            .collect(Collectors.toList()), root.buckets().subList(1, 6));
        assertEquals("every host once", L2App.MAX_BUCKETS * 2 + 1, groups.subList(0, 5).stream()
            .mapToInt(group -> group.buckets().size()).sum());
        assertTrue(groups.subList(0, 5).stream().allMatch(group -> group.buckets().size() <= L2App.MAX_BUCKETS));
    }

    @Test
    public void aHostMoreChangesOneChainedGroupAndNotTheNetworksGroup() {
        final List<GroupSpec> before = floodGroups(L2App.MAX_BUCKETS * 2 + 1);
        final List<GroupSpec> after = floodGroups(L2App.MAX_BUCKETS * 2 + 2);
        assertEquals(before.size(), after.size());
        assertEquals("the network's group", before.get(before.size() - 1), after.get(after.size() - 1));
        int changed = 0;
        for (int i = 0; i < before.size() - 1; i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed++;
            }
        }
        assertEquals(1, changed);
    }

    @Test
    public void chainedGroupIdsStayBelowOpenFlowsMaximumWhateverTheHosts() {
        final List<GroupSpec> groups = floodGroups(60_000);
        assertEquals(L2App.MAX_CHAINED + 1, groups.size());
        assertTrue(groups.stream().allMatch(group -> group.groupId() <= GroupSpec.MAX_GROUP_ID));
        assertEquals(60_000, groups.subList(0, L2App.MAX_CHAINED).stream()
            .mapToInt(group -> group.buckets().size()).sum());
    }

    /** The groups of a network with one local port and {@code hosts} remote hosts. */
    private static List<GroupSpec> floodGroups(final int hosts) {
        final List<Long> destinations = new ArrayList<>();
        for (long host = 1; host <= hosts; host++) {
            destinations.add(0x0a000000L + host);
        }
        return L2App.floodFlows(3, 100, List.of(L2App.Attachment.untagged(7)), destinations, 1L).get(0).groups();
    }
}
