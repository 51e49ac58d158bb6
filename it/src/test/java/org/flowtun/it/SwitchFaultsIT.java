/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * The faults an operator meets, on real switches with traffic flowing between two "VMs" on a VXLAN network and two on
 * a VLAN network carried on a physical network (the provider app's patch port and flows), each ending with the
 * switch holding exactly its flows (0 stale, 0 missing) and the VMs reaching each other again, with no API call:
 * ovs-vswitchd killed and restarted at once (ten times in a row), br-int deleted and re-created by flowtun, every
 * flowtun flow deleted by hand and one deleted by hand (the switch's flow-removed messages), a stale flowtun flow
 * added by hand (the periodic count), and a flowtun flow's actions changed by hand (the periodic refresh). The
 * periodic checks are off until their step, so that each step shows the mechanism that repairs it. Prints how
 * long each repair took (docs/pipeline.md reports these figures).
 */
public class SwitchFaultsIT {
    private static final List<String> ALL_TYPES = List.of("vxlan", "gre", "geneve");
    private static final Duration REPAIR = Duration.ofSeconds(30);
    private static final long SEGMENT = 800;
    private static final int VLAN = 300;
    private static final String PATCH = "int-br-prov";

    private final Restconf restconf = new Restconf(8181);

    @Test
    public void everyFaultEndsWithExactFlowsAndTrafficFlowsAgain() throws Exception {
        final List<AutoCloseable> resources = new ArrayList<>();
        try (KarafProcess karaf = KarafProcess.unpack(Path.of("target", "faults-karaf").toAbsolutePath())) {
            karaf.setFlowtunConfig("datapath-type", "netdev");
            karaf.setFlowtunConfig("controller-target", "tcp:127.0.0.1:6653");
            karaf.setFlowtunConfig("flow-audit-interval", "0");
            karaf.setFlowtunConfig("flow-refresh-interval", "0");
            karaf.start();
            restconf.awaitReady();
            try (Underlay underlay = Underlay.create();
                 Underlay wire = Underlay.physicalNetwork("fw");
                 OvsNode nodeA = OvsNode.start("fa", "chassis-fa", "10.99.8.1");
                 OvsNode nodeB = OvsNode.start("fb", "chassis-fb", "10.99.8.2")) {
                underlay.attach(nodeA, "10.99.8.1/24");
                underlay.attach(nodeB, "10.99.8.2/24");
                // and a VLAN network on a physical network: the provider app's flows must end exact too
                for (OvsNode node : List.of(nodeA, nodeB)) {
                    wire.attachProviderBridge(node, "br-prov");
                    node.vsctl("set", "Open_vSwitch", ".", "external_ids:flowtun-bridge-mappings=physnet1:br-prov");
                }
                TunnelPortChecks.awaitTunnelPorts(nodeA, ALL_TYPES, "10.99.8.1");
                TunnelPortChecks.awaitTunnelPorts(nodeB, ALL_TYPES, "10.99.8.2");
                final Overlay overlay = new Overlay(restconf);
                overlay.network("f-net", "vxlan", SEGMENT);
                overlay.boundPort("vma", "f-net", "chassis-fa", "fa:16:3e:00:08:01");
                overlay.boundPort("vmb", "f-net", "chassis-fb", "fa:16:3e:00:08:02");
                final Vm vmA = Vm.plug(nodeA, "vma", "vma", "fa:16:3e:00:08:01", "10.10.8.1/24");
                resources.add(vmA);
                final Vm vmB = Vm.plug(nodeB, "vmb", "vmb", "fa:16:3e:00:08:02", "10.10.8.2/24");
                resources.add(vmB);
                assertEquals(201, restconf.put("flowtun-network:networks/network=f-vlan", "{\"flowtun-network:network"
                    + "\":[{\"id\":\"f-vlan\",\"network-type\":\"flowtun-types:vlan\",\"segmentation-id\":" + VLAN
                    + ",\"physical-network\":\"physnet1\"}]}").status);
                overlay.boundPort("pva", "f-vlan", "chassis-fa", "fa:16:3e:00:08:11");
                overlay.boundPort("pvb", "f-vlan", "chassis-fb", "fa:16:3e:00:08:12");
                final Vm pvA = Vm.plug(nodeA, "pva", "pva", "fa:16:3e:00:08:11", "10.10.9.1/24");
                resources.add(pvA);
                resources.add(Vm.plug(nodeB, "pvb", "pvb", "fa:16:3e:00:08:12", "10.10.9.2/24"));
                final Expected expected = new Expected(overlay, nodeA, nodeB);
                Overlay.awaitFlows(nodeA, expected.on(nodeA));
                Overlay.awaitFlows(nodeB, expected.on(nodeB));
                awaitPing(vmA, "10.10.8.2");
                awaitPing(pvA, "10.10.9.2");

                // ovs-vswitchd killed and restarted at once, as a supervisor does: OpenFlowPlugin never reports
                // the switch gone; its flows are replaced when it connects again.
                final List<Long> restarts = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    nodeB.killVswitchd();
                    final long start = System.nanoTime();
                    nodeB.startVswitchd();
                    restarts.add(awaitExact(nodeB, expected, start));
                    underlay.configure(nodeB, "10.99.8.2/24");
                    awaitPing(vmA, "10.10.8.2");
                }
                report("ovs-vswitchd kill -9 and restart, until exact (ms)", restarts);

                // br-int deleted: flowtun creates it again with its tunnel ports; the VM's port is plugged again.
                long start = System.nanoTime();
                nodeB.vsctl("del-br", "br-int");
                TunnelPortChecks.awaitTunnelPorts(nodeB, ALL_TYPES, "10.99.8.2");
                report("br-int deleted, until flowtun re-created it with its tunnel ports (ms)",
                    List.of(millisSince(start)));
                vmB.replug("vmb");
                nodeB.vsctl("--may-exist", "add-port", "br-int", "tap-pvb", "--", "set", "Interface", "tap-pvb",
                    "external_ids:iface-id=pvb");
                awaitExact(nodeB, expected, start);
                awaitPing(vmA, "10.10.8.2");
                awaitPing(pvA, "10.10.9.2");

                // Every flowtun flow deleted by hand: the switch says so (flow-removed), flowtun puts them back.
                start = System.nanoTime();
                nodeA.ofctl("del-flows", "cookie=0xf700000000000000/0xff00000000000000");
                report("every flowtun flow deleted by hand, until exact (ms)",
                    List.of(awaitExact(nodeA, expected, start)));
                // One flow deleted by hand.
                start = System.nanoTime();
                nodeA.ofctl("del-flows", "table=75,reg7=" + overlay.lportKey("vmb"));
                report("one flowtun flow deleted by hand, until exact (ms)",
                    List.of(awaitExact(nodeA, expected, start)));
                awaitPing(vmA, "10.10.8.2");

                // A stale flowtun flow added by hand sends no message: the periodic count finds it (turned on
                // live, as an operator would).
                nodeA.ofctl("add-flow", "cookie=0xf7ff000000000001,table=75,priority=100,reg7=999999,actions=drop");
                assertTrue(nodeA.flows().stream().anyMatch(flow -> flow.contains("reg7=0xf423f")));
                start = System.nanoTime();
                karaf.setFlowtunConfig("flow-audit-interval", "2");
                report("a stale flowtun flow added by hand, until exact with flow-audit-interval = 2 (ms)",
                    List.of(awaitExact(nodeA, expected, start)));

                // A flowtun flow's actions changed by hand (same match, same cookie, same count): the periodic
                // refresh sends it again.
                nodeA.ofctl("mod-flows", "table=75,reg7=" + overlay.lportKey("vmb") + ",actions=drop");
                Await.until(REPAIR, () -> nodeA.flows().stream().anyMatch(flow -> flow.contains("table=75")
                    && flow.endsWith("actions=drop")) ? null : "the flow was not modified");
                assertTrue(!vmA.ping("10.10.8.2"));
                start = System.nanoTime();
                karaf.setFlowtunConfig("flow-refresh-interval", "3");
                report("a flowtun flow's actions changed by hand, until exact with flow-refresh-interval = 3 (ms)",
                    List.of(awaitExact(nodeA, expected, start)));
                awaitPing(vmA, "10.10.8.2");
                awaitPing(pvA, "10.10.9.2");
                assertEquals(expected.on(nodeB), Overlay.flowsAndGroups(nodeB));
            } finally {
                for (AutoCloseable resource : resources) {
                    resource.close();
                }
            }
        }
    }

    /** The flows each node must hold, from the ofports OVS reports now. */
    private static final class Expected {
        private final Overlay overlay;
        private final OvsNode nodeA;
        private final OvsNode nodeB;

        Expected(final Overlay overlay, final OvsNode nodeA, final OvsNode nodeB) {
            this.overlay = overlay;
            this.nodeA = nodeA;
            this.nodeB = nodeB;
        }

        List<String> on(final OvsNode node) throws Exception {
            final boolean isA = node == nodeA;
            final String local = isA ? "vma" : "vmb";
            final String remote = isA ? "vmb" : "vma";
            final String remoteIp = isA ? "10.99.8.2" : "10.99.8.1";
            final long network = overlay.networkKey("f-net");
            final long port = node.ofport("tap-" + local);
            final long tunnel = node.ofport("vxlan-tunnel-port");
            final long localKey = overlay.lportKey(local);
            final long remoteKey = overlay.lportKey(remote);
            final List<String> flows = new ArrayList<>(List.of(Overlay.classification(port, localKey, network),
                Overlay.ingress(SEGMENT, tunnel, network), Overlay.egress(remoteKey, SEGMENT, remoteIp, tunnel)));
            flows.addAll(Overlay.localDelivery(localKey, port));
            flows.addAll(Overlay.flood(network, List.of(port), SEGMENT, List.of(remoteIp), tunnel));
            flows.addAll(Overlay.macLookup(network, isA ? "fa:16:3e:00:08:01" : "fa:16:3e:00:08:02", localKey,
                true));
            flows.addAll(Overlay.macLookup(network, isA ? "fa:16:3e:00:08:02" : "fa:16:3e:00:08:01", remoteKey,
                false));
            // the VLAN network, through the patch port toward physnet1
            final String localVlan = isA ? "pva" : "pvb";
            final String remoteVlan = isA ? "pvb" : "pva";
            final long vlanNetwork = overlay.networkKey("f-vlan");
            final long vlanPort = node.ofport("tap-" + localVlan);
            final long patch = node.ofport(PATCH);
            final long localVlanKey = overlay.lportKey(localVlan);
            final long remoteVlanKey = overlay.lportKey(remoteVlan);
            flows.add(Overlay.classification(vlanPort, localVlanKey, vlanNetwork));
            flows.add(Overlay.providerIngress(VLAN, patch, vlanNetwork));
            flows.add(Overlay.providerUnknownUnicast(vlanNetwork, VLAN, patch));
            flows.add(Overlay.providerEgress(remoteVlanKey, VLAN, patch));
            flows.addAll(Overlay.localDelivery(localVlanKey, vlanPort));
            flows.addAll(Overlay.providerFlood(vlanNetwork, vlanPort, VLAN, patch));
            flows.addAll(Overlay.macLookup(vlanNetwork, isA ? "fa:16:3e:00:08:11" : "fa:16:3e:00:08:12",
                localVlanKey, true));
            flows.addAll(Overlay.macLookup(vlanNetwork, isA ? "fa:16:3e:00:08:12" : "fa:16:3e:00:08:11",
                remoteVlanKey, false));
            return flows.stream().sorted().collect(Collectors.toList());
        }
    }

    /** Waits until the node holds exactly its flows; returns the milliseconds since {@code start}. */
    private static long awaitExact(final OvsNode node, final Expected expected, final long start) throws Exception {
        final List<String> want = expected.on(node);
        final long deadline = System.nanoTime() + REPAIR.toNanos();
        List<String> have = Overlay.flowsAndGroups(node);
        while (!have.equals(want) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            have = Overlay.flowsAndGroups(node);
        }
        assertEquals(node.name() + "'s flows and groups", want, have);
        final long millis = millisSince(start);
        Overlay.awaitFlows(node, want);
        return millis;
    }

    private static long millisSince(final long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void awaitPing(final Vm from, final String ip) throws Exception {
        from.awaitPing(ip, REPAIR);
    }

    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    private static void report(final String what, final List<Long> millis) {
        System.out.println(String.format(Locale.ROOT, "SwitchFaultsIT: %s: %s", what, millis));
    }
}
