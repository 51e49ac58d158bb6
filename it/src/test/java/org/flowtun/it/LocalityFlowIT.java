/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.flowtun.api.LocalityService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

/**
 * The locality service and its flows against two real Open vSwitch nodes connected over OVSDB and OpenFlow: the
 * spec's ingress and egress flows for every tunnel type, rewritten as chassis IPs and ofports change, reconciled
 * after a switch reconnects, and every locality transition reported by the Java API, the locality-changed
 * notification and flowtun-state:lport-states. Flow tables are compared whole.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LocalityFlowIT extends FlowtunPaxExamTest {
    @Inject
    @Filter(timeout = 300_000)
    private LocalityService localityService;

    @Inject
    private NotificationService notificationService;

    @Test
    public void theSpecFlowsForEveryTunnelType() throws Exception {
        final OvsNode nodeA = node("la", "chassis-la", "10.99.3.1");
        final OvsNode nodeB = node("lb", "chassis-lb", "10.99.3.2");
        final List<String> flowsA = new ArrayList<>();
        final List<String> flowsB = new ArrayList<>();
        final Map<String, Long> segmentation = Map.of("vxlan", 100L, "gre", 4000000000L, "geneve", 300L);
        int index = 0;
        for (String type : ALL_TYPES) {
            index++;
            final long tunnelId = segmentation.get(type);
            final String farIp = "192.0.2." + (10 + index);
            overlay.network("net-" + type, type, tunnelId);
            overlay.boundPort("vm-" + type, "net-" + type, "chassis-la");
            final long vmPort = nodeA.addVmPort("vm" + type, "vm-" + type);
            // B needs the network only through a port of its own there
            overlay.boundPort("vb-" + type, "net-" + type, "chassis-lb");
            final long vbPort = nodeB.addVmPort("vb" + type, "vb-" + type);
            overlay.remotePort("far-" + type, "net-" + type, farIp);

            final long networkKey = overlay.networkKey("net-" + type);
            final long vmKey = overlay.lportKey("vm-" + type);
            final long vbKey = overlay.lportKey("vb-" + type);
            final long farKey = overlay.lportKey("far-" + type);
            final long tunnelA = nodeA.ofport(type + "-tunnel-port");
            final long tunnelB = nodeB.ofport(type + "-tunnel-port");
            flowsA.add(Overlay.classification(vmPort, vmKey, networkKey));
            flowsA.add(Overlay.ingress(tunnelId, tunnelA, networkKey));
            flowsA.add(Overlay.egress(farKey, tunnelId, farIp, tunnelA));
            flowsA.add(Overlay.egress(vbKey, tunnelId, "10.99.3.2", tunnelA));
            flowsA.addAll(Overlay.localDelivery(vmKey, vmPort));
            flowsA.addAll(Overlay.flood(networkKey, List.of(vmPort), tunnelId, List.of("10.99.3.2", farIp),
                tunnelA));
            flowsB.add(Overlay.classification(vbPort, vbKey, networkKey));
            flowsB.add(Overlay.ingress(tunnelId, tunnelB, networkKey));
            flowsB.add(Overlay.egress(vmKey, tunnelId, "10.99.3.1", tunnelB));
            flowsB.add(Overlay.egress(farKey, tunnelId, farIp, tunnelB));
            flowsB.addAll(Overlay.localDelivery(vbKey, vbPort));
            flowsB.addAll(Overlay.flood(networkKey, List.of(vbPort), tunnelId, List.of("10.99.3.1", farIp),
                tunnelB));
            Overlay.awaitFlows(nodeA, flowsA);
            Overlay.awaitFlows(nodeB, flowsB);
        }
        assertEquals(flowsA.size(), Overlay.flowsAndGroups(nodeA).size());
    }

    @Test
    public void chassisIpOfportAndPortChangesRewriteExactlyTheFlowsConcerned() throws Exception {
        final OvsNode nodeA = node("ua", "chassis-ua", "10.99.4.1");
        final OvsNode nodeB = node("ub", "chassis-ub", "10.99.4.2");
        overlay.network("net-u", "vxlan", 500);
        overlay.boundPort("vm-u", "net-u", "chassis-ua");
        final long vmPort = nodeA.addVmPort("vmu", "vm-u");
        overlay.boundPort("on-b", "net-u", "chassis-ub");
        overlay.remotePort("far-u1", "net-u", "192.0.2.51");
        overlay.remotePort("far-u2", "net-u", "192.0.2.52");
        final long n = overlay.networkKey("net-u");
        final long vm = overlay.lportKey("vm-u");
        final long onB = overlay.lportKey("on-b");
        final long far1 = overlay.lportKey("far-u1");
        final long far2 = overlay.lportKey("far-u2");
        final long tunnel = nodeA.ofport("vxlan-tunnel-port");
        Overlay.awaitFlows(nodeA, flowsU(vmPort, vm, n, tunnel, Map.of(onB, "10.99.4.2", far1, "192.0.2.51",
            far2, "192.0.2.52")));

        // Node B's tunnel IP changes: its chassis follows, and A's flows toward it are rewritten.
        nodeB.vsctl("set", "Open_vSwitch", ".", "other_config:local_ip=10.99.4.22");
        Overlay.awaitFlows(nodeA, flowsU(vmPort, vm, n, tunnel, Map.of(onB, "10.99.4.22", far1, "192.0.2.51",
            far2, "192.0.2.52")));

        // Deleting a remote port removes its flows only.
        overlay.deletePort("far-u1");
        Overlay.awaitFlows(nodeA, flowsU(vmPort, vm, n, tunnel, Map.of(onB, "10.99.4.22", far2, "192.0.2.52")));

        // ovs-vswitchd restarts and the tunnel port comes back with another ofport: every flow using it follows
        // (and the restarted switch, which lost its flows, gets them all back).
        nodeA.stopVswitchd();
        nodeA.vsctl("--no-wait", "set", "Interface", "vxlan-tunnel-port", "ofport_request=40");
        nodeA.startVswitchd();
        final long moved = nodeA.ofport("vxlan-tunnel-port");
        assertEquals(40, moved);
        assertNotEquals(tunnel, moved);
        Overlay.awaitFlows(nodeA, flowsU(nodeA.ofport("vmu"), vm, n, moved, Map.of(onB, "10.99.4.22", far2,
            "192.0.2.52")));
    }

    /** Node A's flows in the updates test: one local port on a vxlan network (500) and remote ports. */
    private static List<String> flowsU(final long vmPort, final long vm, final long network, final long tunnel,
            final Map<Long, String> remotes) {
        final List<String> flows = new ArrayList<>(List.of(Overlay.classification(vmPort, vm, network),
            Overlay.ingress(500, tunnel, network)));
        flows.addAll(Overlay.localDelivery(vm, vmPort));
        remotes.forEach((key, host) -> flows.add(Overlay.egress(key, 500, host, tunnel)));
        flows.addAll(Overlay.flood(network, List.of(vmPort), 500, List.copyOf(remotes.values()), tunnel));
        return flows;
    }

    /** Enough changes at once for flowtun to send them as OpenFlow bundles (FlowReconciler.BUNDLE_MIN is 100). */
    @Test
    public void hundredsOfPortsInOneRequestGetExactlyTheirFlowsAndLoseThemTogether() throws Exception {
        final OvsNode nodeA = node("ba", "chassis-ba", "10.99.7.1");
        overlay.network("net-b", "vxlan", 700);
        // the node's own VM on the network, without which the node needs none of it
        overlay.boundPort("vm-b", "net-b", "chassis-ba");
        final long vmPort = nodeA.addVmPort("vmb", "vm-b");
        final Map<String, String> hosts = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            hosts.put("bulk-" + i, "10.98." + i / 250 + "." + (i % 250 + 1));
        }
        overlay.remotePorts("net-b", hosts);
        final Map<String, Long> keys = overlay.lportKeys(hosts.keySet());
        final long n = overlay.networkKey("net-b");
        final long vm = overlay.lportKey("vm-b");
        final long tunnel = nodeA.ofport("vxlan-tunnel-port");
        final List<String> flows = new ArrayList<>(List.of(Overlay.classification(vmPort, vm, n),
            Overlay.ingress(700, tunnel, n)));
        flows.addAll(Overlay.localDelivery(vm, vmPort));
        hosts.forEach((id, host) -> flows.add(Overlay.egress(keys.get(id), 700, host, tunnel)));
        flows.addAll(Overlay.flood(n, List.of(vmPort), 700, List.copyOf(hosts.values()), tunnel));
        Overlay.awaitFlows(nodeA, flows);

        // and all of them go in one request (the node's own VM too: then nothing is left)
        overlay.deleteAllPorts();
        Overlay.awaitFlows(nodeA, List.of());
    }

    @Test
    public void aReconnectingSwitchGetsMissingFlowsLosesStaleOnesAndKeepsForeignOnes() throws Exception {
        final OvsNode nodeA = node("ra", "chassis-ra", "10.99.5.1");
        overlay.network("net-r", "geneve", 600);
        overlay.boundPort("vm-r", "net-r", "chassis-ra");
        final long vmPort = nodeA.addVmPort("vmr", "vm-r");
        overlay.remotePort("far-r1", "net-r", "192.0.2.61");
        final long n = overlay.networkKey("net-r");
        final long vm = overlay.lportKey("vm-r");
        final long far1 = overlay.lportKey("far-r1");
        final long tunnel = nodeA.ofport("geneve-tunnel-port");
        final List<String> before = new ArrayList<>(List.of(Overlay.classification(vmPort, vm, n),
            Overlay.ingress(600, tunnel, n), Overlay.egress(far1, 600, "192.0.2.61", tunnel)));
        before.addAll(Overlay.localDelivery(vm, vmPort));
        before.addAll(Overlay.flood(n, List.of(vmPort), 600, List.of("192.0.2.61"), tunnel));
        Overlay.awaitFlows(nodeA, before);

        nodeA.stopOpenFlowRelay();
        Await.until(Overlay.TIMEOUT, () -> nodeA.vsctl("--columns=is_connected", "list", "Controller")
            .contains("false") ? null : "switch still connected");
        // While it is away: one remote port goes, another comes; someone leaves a flow with a flowtun cookie
        // and another application's flow on the switch.
        overlay.deletePort("far-r1");
        overlay.remotePort("far-r2", "net-r", "192.0.2.62");
        final long far2 = overlay.lportKey("far-r2");
        nodeA.ofctl("add-flow", "cookie=0xf702000000000bad,table=75,priority=100,reg7=0xbad,actions=drop");
        nodeA.ofctl("add-flow", "cookie=0x1,table=75,priority=5,actions=drop");
        nodeA.startOpenFlowRelay();

        final List<String> expected = new ArrayList<>(List.of(Overlay.classification(vmPort, vm, n),
            Overlay.ingress(600, tunnel, n), Overlay.egress(far2, 600, "192.0.2.62", tunnel)));
        expected.addAll(Overlay.localDelivery(vm, vmPort));
        expected.addAll(Overlay.flood(n, List.of(vmPort), 600, List.of("192.0.2.62"), tunnel));
        Await.until(Overlay.TIMEOUT, () -> {
            final List<String> flows = nodeA.flows();
            final List<String> want = new ArrayList<>(expected);
            want.add("table=75,priority=5 actions=drop");
            want.sort(null);
            return Overlay.flowsAndGroups(nodeA).equals(want) && flows.contains("cookie=0x1,table=75,priority=5 "
                + "actions=drop") ? null : "flows " + flows + ", groups " + nodeA.groups();
        });
    }

    @Test
    public void everyLocalityTransitionIsReportedThreeWays() throws Exception {
        final OvsNode nodeA = node("ea", "chassis-ea", "10.99.6.1");
        final OvsNode nodeB = node("eb", "chassis-eb", "10.99.6.2");
        final String idA = TunnelPortChecks.nodeId(nodeA);
        final String idB = TunnelPortChecks.nodeId(nodeB);
        try (LocalityEvents events = new LocalityEvents(localityService, notificationService)) {
            overlay.network("net-e", "vxlan", 700);
            // a VM of net-e stays on each node, so that both need net-e throughout
            overlay.boundPort("stay-a", "net-e", "chassis-ea");
            nodeA.addVmPort("staya", "stay-a");
            overlay.boundPort("stay-b", "net-e", "chassis-eb");
            nodeB.addVmPort("stayb", "stay-b");
            overlay.boundPort("mover", "net-e", "chassis-ea");
            // Bound to A but not plugged in yet: remote on B, nothing on A.
            events.await("mover", List.of("remote-created on " + idB));
            LocalityEvents.awaitLocalities(restconf, "mover", Map.of(idB, "remote"));

            nodeA.addVmPort("mover", "mover");
            events.await("mover", List.of("remote-created on " + idB,
                "local-created on " + idA));
            LocalityEvents.awaitLocalities(restconf, "mover", Map.of(idA, "local", idB, "remote"));

            // Moved to B's chassis (its OVS port still on A): local on neither, remote on A.
            overlay.boundPort("mover", "net-e", "chassis-eb");
            events.await("mover", List.of("remote-created on " + idB,
                "local-created on " + idA, "remote-deleted on " + idB, "local-deleted on " + idA,
                "remote-created on " + idA));
            LocalityEvents.awaitLocalities(restconf, "mover", Map.of(idA, "remote"));

            // Plugged in on B: local there.
            nodeB.addVmPort("mover", "mover");
            events.await("mover", List.of("remote-created on " + idB,
                "local-created on " + idA, "remote-deleted on " + idB, "local-deleted on " + idA,
                "remote-created on " + idA, "local-created on " + idB));
            LocalityEvents.awaitLocalities(restconf, "mover", Map.of(idA, "remote", idB, "local"));

            // Node B leaves (its OVS stops): the lport has no locality there any more.
            nodeB.close();
            events.await("mover", List.of("remote-created on " + idB,
                "local-created on " + idA, "remote-deleted on " + idB, "local-deleted on " + idA,
                "remote-created on " + idA, "local-created on " + idB, "local-deleted on " + idB));
            LocalityEvents.awaitLocalities(restconf, "mover", Map.of(idA, "remote"));

            overlay.deletePort("mover");
            events.await("mover", List.of("remote-created on " + idB,
                "local-created on " + idA, "remote-deleted on " + idB, "local-deleted on " + idA,
                "remote-created on " + idA, "local-created on " + idB, "local-deleted on " + idB,
                "remote-deleted on " + idA));
            Await.until(Overlay.TIMEOUT, () -> restconf.get("flowtun-state:lport-states/lport-state=mover").status
                == 409 ? null : "lport-state of a deleted lport still there");
        }
    }
}
