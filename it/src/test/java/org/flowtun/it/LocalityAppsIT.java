/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.flowtun.api.LocalityService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

/**
 * The locality apps of the spec "logical port locality" on the real distribution with two real Open vSwitch
 * nodes A and B: trunk sub-ports and floating IPs follow their lport (local where it is local, remote
 * elsewhere), router interfaces and gateways and DHCP ports are distributed on every node. Each scenario is
 * driven over RESTCONF and the exact sequence of events per node is asserted through the Java API and the
 * locality-changed notification, with flowtun-state:lport-states and the switches' flow tables.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LocalityAppsIT extends FlowtunPaxExamTest {
    private static final List<String> TYPES = List.of("vxlan", "gre", "geneve");
    private static final String IP_A = "10.99.8.1";
    private static final String IP_B = "10.99.8.2";

    @Inject
    @Filter(timeout = 300_000)
    private LocalityService localityService;

    @Inject
    private NotificationService notificationService;

    private OvsNode nodeA;
    private OvsNode nodeB;
    private String idA;
    private String idB;

    @Before
    public void startNodes() throws Exception {
        nodeA = node("pa", "chassis-pa", IP_A);
        nodeB = node("pb", "chassis-pb", IP_B);
        idA = TunnelPortChecks.nodeId(nodeA);
        idB = TunnelPortChecks.nodeId(nodeB);
    }

    @Test
    public void trunkSubPortsFollowTheirParentThroughSegmentationChanges() throws Exception {
        overlay.network("net-parent", "vxlan", 810);
        overlay.network("net-sub", "vxlan", 811);
        overlay.boundPort("parent", "net-parent", "chassis-pa");
        final long parentPort = nodeA.addVmPort("parent", "parent");
        overlay.port("sub", "net-sub", "\"mac-address\":\"fa:16:3e:00:08:11\","
            + "\"device-owner\":\"flowtun-types:trunk-subport\"");
        try (LocalityEvents events = new LocalityEvents(localityService, notificationService)) {
            // A sub-port in no trunk has no binding of its own: no locality anywhere. In the trunk: local where its
            // parent is; B, with no port of either network, needs neither and holds nothing.
            overlay.trunk("trunk", "parent", Map.of("sub", 100));
            final List<String> expected = new ArrayList<>(List.of("local-created on " + idA));
            events.await("sub", expected);
            LocalityEvents.awaitLocalities(restconf, "sub", Map.of(idA, "local"));
            final long parent = overlay.lportKey("parent");
            final long sub = overlay.lportKey("sub");
            final long netParent = overlay.networkKey("net-parent");
            final long netSub = overlay.networkKey("net-sub");
            final long tunnelA = nodeA.ofport("vxlan-tunnel-port");
            final long tunnelB = nodeB.ofport("vxlan-tunnel-port");
            Overlay.awaitFlows(nodeA, trunkFlowsA(parentPort, parent, netParent, sub, netSub, tunnelA, 100));
            Overlay.awaitFlows(nodeB, List.of());

            // A port of the sub-port's network on B: B needs the network now, and reaches the sub-port at A (its
            // broadcasts too); when the port goes, so does the need.
            overlay.boundPort("peer", "net-sub", "chassis-pb");
            final long peerPort = nodeB.addVmPort("peer", "peer");
            expected.add("remote-created on " + idB);
            events.await("sub", expected);
            awaitFlowsInclude(nodeB, Overlay.flood(netSub, List.of(peerPort), 811, List.of(IP_A), tunnelB));
            awaitFlowsInclude(nodeB, List.of(Overlay.egress(sub, 811, IP_A, tunnelB),
                Overlay.macLookup(netSub, "fa:16:3e:00:08:11", sub, false).get(0)));
            overlay.deletePort("peer");
            nodeB.vsctl("del-port", "br-int", "peer");
            expected.add("remote-deleted on " + idB);
            events.await("sub", expected);
            Overlay.awaitFlows(nodeB, List.of());

            // The sub-port's VLAN changes: re-announced on A (its flows use the new VLAN).
            overlay.trunk("trunk", "parent", Map.of("sub", 200));
            expected.addAll(List.of("local-deleted on " + idA, "local-created on " + idA));
            events.await("sub", expected);
            Overlay.awaitFlows(nodeA, trunkFlowsA(parentPort, parent, netParent, sub, netSub, tunnelA, 200));

            // The parent moves to B: the sub-port follows; A, with no local port left, holds nothing.
            overlay.boundPort("parent", "net-parent", "chassis-pb");
            final long parentPortB = nodeB.addVmPort("parent", "parent");
            expected.addAll(List.of("local-deleted on " + idA, "local-created on " + idB));
            events.await("sub", expected);
            LocalityEvents.awaitLocalities(restconf, "sub", Map.of(idB, "local"));
            Overlay.awaitFlows(nodeB, trunkFlowsA(parentPortB, parent, netParent, sub, netSub, tunnelB, 200));
            Overlay.awaitFlows(nodeA, List.of());

            // The sub-port leaves the trunk: gone everywhere, and with it its flows.
            overlay.trunk("trunk", "parent", Map.of());
            expected.add("local-deleted on " + idB);
            events.await("sub", expected);
            LocalityEvents.awaitLocalities(restconf, "sub", Map.of());
            final List<String> parentOnly = new ArrayList<>(List.of(Overlay.classification(parentPortB, parent,
                netParent), Overlay.ingress(810, tunnelB, netParent)));
            parentOnly.addAll(Overlay.localDelivery(parent, parentPortB));
            parentOnly.addAll(Overlay.flood(netParent, List.of(parentPortB), 810, List.of(), tunnelB));
            Overlay.awaitFlows(nodeB, parentOnly);
        }
    }

    /** The flows of the node where the trunk's parent is local, its sub-port on VLAN {@code vlan}. */
    private static List<String> trunkFlowsA(final long parentPort, final long parent, final long netParent,
            final long sub, final long netSub, final long tunnel, final int vlan) {
        final List<String> flows = new ArrayList<>(List.of(
            Overlay.classification(parentPort, parent, netParent),
            Overlay.ingress(810, tunnel, netParent),
            Overlay.subPortClassification(parentPort, vlan, sub, netSub),
            Overlay.ingress(811, tunnel, netSub)));
        flows.addAll(Overlay.localDelivery(parent, parentPort));
        flows.addAll(Overlay.flood(netParent, List.of(parentPort), 810, List.of(), tunnel));
        flows.addAll(Overlay.macLookup(netSub, "fa:16:3e:00:08:11", sub, true));
        flows.addAll(Overlay.taggedDelivery(sub, parentPort, vlan));
        flows.addAll(Overlay.floodTagged(netSub, parentPort, vlan));
        return flows;
    }

    @Test
    public void floatingIpsFollowTheirAssociatedPortThroughReassociationMovesAndDisassociation() throws Exception {
        overlay.network("net-ext", "vxlan", 820);
        overlay.network("net-vm", "vxlan", 821);
        overlay.port("vm-1", "net-vm", "\"chassis\":\"chassis-pa\",\"mac-address\":\"fa:16:3e:00:08:01\","
            + "\"ips\":[\"10.8.0.1\"]");
        overlay.port("vm-2", "net-vm", "\"chassis\":\"chassis-pb\",\"mac-address\":\"fa:16:3e:00:08:02\","
            + "\"ips\":[\"10.8.0.2\"]");
        final long vm1Port = nodeA.addVmPort("vm1", "vm-1");
        nodeB.addVmPort("vm2", "vm-2");
        // both nodes need the external network through a port of their own on it
        presentOnBothNodes("net-ext");
        overlay.port("fip-port", "net-ext", "\"mac-address\":\"fa:16:3e:00:08:20\","
            + "\"device-owner\":\"flowtun-types:floating-ip\"");
        try (LocalityEvents events = new LocalityEvents(localityService, notificationService)) {
            overlay.floatingIp("fip", "fip-port", "vm-1", "10.8.0.1");
            events.await("fip-port", List.of("local-created on " + idA, "remote-created on " + idB));
            LocalityEvents.awaitLocalities(restconf, "fip-port", Map.of(idA, "local", idB, "remote"));
            final long fip = overlay.lportKey("fip-port");
            final long ext = overlay.networkKey("net-ext");
            final long tunnelA = nodeA.ofport("vxlan-tunnel-port");
            final long tunnelB = nodeB.ofport("vxlan-tunnel-port");
            final List<String> fipOnA = new ArrayList<>(List.of(Overlay.ingress(820, tunnelA, ext)));
            fipOnA.addAll(Overlay.macLookup(ext, "fa:16:3e:00:08:20", fip, true));
            fipOnA.addAll(Overlay.dnatDelivery(fip, "fa:16:3e:00:08:01", "10.8.0.1", vm1Port));
            awaitFlowsInclude(nodeA, fipOnA);
            awaitFlowsInclude(nodeB, List.of(Overlay.egress(fip, 820, IP_A, tunnelB),
                Overlay.macLookup(ext, "fa:16:3e:00:08:20", fip, false).get(0)));

            // Re-associated with vm-2 (on B): the floating lport moves to B.
            overlay.floatingIp("fip", "fip-port", "vm-2", null);
            final List<String> expected = new ArrayList<>(List.of("local-created on " + idA,
                "remote-created on " + idB, "local-deleted on " + idA, "remote-deleted on " + idB,
                "remote-created on " + idA, "local-created on " + idB));
            events.await("fip-port", expected);
            LocalityEvents.awaitLocalities(restconf, "fip-port", Map.of(idA, "remote", idB, "local"));
            awaitFlowsInclude(nodeA, List.of(Overlay.egress(fip, 820, IP_B, tunnelA)));

            // vm-2 moves to A: bound there first (not plugged yet), then plugged.
            overlay.port("vm-2", "net-vm", "\"chassis\":\"chassis-pa\",\"mac-address\":\"fa:16:3e:00:08:02\","
                + "\"ips\":[\"10.8.0.2\"]");
            expected.addAll(List.of("local-deleted on " + idB, "remote-created on " + idB,
                "remote-deleted on " + idA));
            events.await("fip-port", expected);
            LocalityEvents.awaitLocalities(restconf, "fip-port", Map.of(idB, "remote"));
            final long vm2PortA = nodeA.addVmPort("vm2", "vm-2");
            expected.add("local-created on " + idA);
            events.await("fip-port", expected);
            final List<String> movedOnA = new ArrayList<>(Overlay.macLookup(ext, "fa:16:3e:00:08:20", fip, true));
            movedOnA.addAll(Overlay.dnatDelivery(fip, "fa:16:3e:00:08:02", "10.8.0.2", vm2PortA));
            awaitFlowsInclude(nodeA, movedOnA);

            // Disassociated: no locality anywhere.
            overlay.floatingIp("fip", "fip-port", null, null);
            expected.addAll(List.of("local-deleted on " + idA, "remote-deleted on " + idB));
            events.await("fip-port", expected);
            LocalityEvents.awaitLocalities(restconf, "fip-port", Map.of());
        }
    }

    @Test
    public void routerInterfacesAndGatewaysAreDistributedWhileRoutersHaveThem() throws Exception {
        overlay.network("net-r", "vxlan", 830);
        overlay.network("net-gw", "vxlan", 831);
        overlay.port("ri-1", "net-r", "\"device-owner\":\"flowtun-types:router-interface\"");
        overlay.port("ri-2", "net-r", "\"device-owner\":\"flowtun-types:router-interface\"");
        overlay.port("gw", "net-gw", "\"device-owner\":\"flowtun-types:router-gateway\"");
        // both nodes need net-r through a port of their own, and net-gw through the router while it links them
        presentOnBothNodes("net-r");
        try (LocalityEvents events = new LocalityEvents(localityService, notificationService)) {
            overlay.router("router", List.of("ri-1"), "gw");
            final List<String> created = List.of("distributed-created on " + idA, "distributed-created on " + idB);
            events.await("ri-1", created);
            events.await("gw", created);
            LocalityEvents.awaitLocalities(restconf, "gw", Map.of(idA, "distributed", idB, "distributed"));

            // The router gains ri-2 and loses ri-1.
            overlay.router("router", List.of("ri-2"), "gw");
            events.await("ri-2", created);
            final List<String> createdDeleted = List.of("distributed-created on " + idA,
                "distributed-created on " + idB, "distributed-deleted on " + idA, "distributed-deleted on " + idB);
            events.await("ri-1", createdDeleted);
            LocalityEvents.awaitLocalities(restconf, "ri-1", Map.of());
            events.await("gw", created);

            // The router is deleted: its ports are distributed no more.
            overlay.delete("flowtun-l3:routers/router=router");
            events.await("ri-2", createdDeleted);
            events.await("gw", createdDeleted);
            LocalityEvents.awaitLocalities(restconf, "gw", Map.of());
        }
    }

    @Test
    public void dhcpPortsAreDistributedWhileTheirNetworkHasADhcpEnabledSubnet() throws Exception {
        overlay.network("net-d", "vxlan", 840);
        overlay.port("dhcp-d", "net-d", "\"device-owner\":\"flowtun-types:dhcp\"");
        overlay.port("vm-d", "net-d", "");
        presentOnBothNodes("net-d");
        try (LocalityEvents events = new LocalityEvents(localityService, notificationService)) {
            overlay.subnet("subnet-d", "net-d", "10.84.0.0/24", false);
            overlay.subnet("subnet-d", "net-d", "10.84.0.0/24", true);
            final List<String> created = List.of("distributed-created on " + idA, "distributed-created on " + idB);
            events.await("dhcp-d", created);
            LocalityEvents.awaitLocalities(restconf, "dhcp-d", Map.of(idA, "distributed", idB, "distributed"));

            overlay.subnet("subnet-d", "net-d", "10.84.0.0/24", false);
            final List<String> createdDeleted = List.of("distributed-created on " + idA,
                "distributed-created on " + idB, "distributed-deleted on " + idA, "distributed-deleted on " + idB);
            events.await("dhcp-d", createdDeleted);

            overlay.subnet("subnet-d", "net-d", "10.84.0.0/24", true);
            final List<String> again = new ArrayList<>(createdDeleted);
            again.addAll(created);
            events.await("dhcp-d", again);
            overlay.delete("flowtun-network:subnets/subnet=subnet-d");
            again.addAll(List.of("distributed-deleted on " + idA, "distributed-deleted on " + idB));
            events.await("dhcp-d", again);
            LocalityEvents.awaitLocalities(restconf, "dhcp-d", Map.of());
            // Only the DHCP port is distributed: the network's other (unbound) port never was.
            events.await("vm-d", List.of());
        }
    }

    /** A VM of the network bound to and plugged on each node, so that both need the network. */
    private void presentOnBothNodes(final String network) throws Exception {
        overlay.boundPort("a-" + network, network, "chassis-pa");
        nodeA.addVmPort("a-" + network, "a-" + network);
        overlay.boundPort("b-" + network, network, "chassis-pb");
        nodeB.addVmPort("b-" + network, "b-" + network);
    }

    /** Waits until the node holds every one of {@code expected} (flows and groups; others aside). */
    private static void awaitFlowsInclude(final OvsNode node, final List<String> expected) throws Exception {
        Await.until(Overlay.TIMEOUT, () -> {
            final List<String> have = Overlay.flowsAndGroups(node);
            final List<String> missing = new ArrayList<>(expected);
            missing.removeAll(have);
            return missing.isEmpty() ? null : node.name() + " lacks " + missing + "\n  has " + have;
        });
    }
}
