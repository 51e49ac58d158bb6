/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.Test;

/**
 * Real packets: three OVS nodes on an underlay, "VMs" on three networks (vxlan, gre, geneve) registered as lports
 * over RESTCONF, the real controller started as a user starts it. ARP is resolved through flowtun's pipeline (no
 * static neighbour entries between VMs), networks are isolated even with the same segmentation id, a TCP
 * transfer of 10 MB goes through, a port of another cloud gets its packets tunnelled to its host, and traffic
 * resumes after ovs-vswitchd and the controller restart, with no API call.
 */
public class OverlayTrafficIT {
    private static final List<String> ALL_TYPES = List.of("vxlan", "gre", "geneve");
    private static final Duration CONVERGE = Duration.ofSeconds(60);

    private final Restconf restconf = new Restconf(8181);

    @Test
    public void vmsReachEachOtherOverEveryTunnelTypeAndNothingElse() throws Exception {
        final List<AutoCloseable> resources = new ArrayList<>();
        try (KarafProcess karaf = KarafProcess.unpack(Path.of("target", "traffic-karaf").toAbsolutePath())) {
            karaf.setFlowtunConfig("datapath-type", "netdev");
            karaf.setFlowtunConfig("controller-target", "tcp:127.0.0.1:6653");
            karaf.start();
            restconf.awaitReady();
            try (Underlay underlay = Underlay.create();
                 OvsNode nodeA = OvsNode.start("ta", "chassis-ta", "10.99.7.1");
                 OvsNode nodeB = OvsNode.start("tb", "chassis-tb", "10.99.7.2");
                 OvsNode nodeC = OvsNode.start("tc", "chassis-tc", "10.99.7.3")) {
                final OvsNode[] nodes = {nodeA, nodeB, nodeC};
                for (int i = 0; i < nodes.length; i++) {
                    underlay.attach(nodes[i], "10.99.7." + (i + 1) + "/24");
                    TunnelPortChecks.awaitTunnelPorts(nodes[i], ALL_TYPES, "10.99.7." + (i + 1));
                }
                final Overlay overlay = new Overlay(restconf);
                overlay.network("t-vx", "vxlan", 100);
                overlay.network("t-gr", "gre", 200);
                overlay.network("t-ge", "geneve", 300);
                // Same segmentation id as t-vx, another type, same IP subnet: must stay apart.
                overlay.network("t-iso", "gre", 100);

                final Vm vxA = vm(resources, overlay, nodeA, "vxa", "t-vx", "chassis-ta", "10.10.1.1", 0x11);
                final Vm vxB = vm(resources, overlay, nodeB, "vxb", "t-vx", "chassis-tb", "10.10.1.2", 0x12);
                final Vm grA = vm(resources, overlay, nodeA, "gra", "t-gr", "chassis-ta", "10.10.2.1", 0x21);
                final Vm grC = vm(resources, overlay, nodeC, "grc", "t-gr", "chassis-tc", "10.10.2.3", 0x23);
                final Vm geB = vm(resources, overlay, nodeB, "geb", "t-ge", "chassis-tb", "10.10.3.2", 0x32);
                final Vm geC = vm(resources, overlay, nodeC, "gec", "t-ge", "chassis-tc", "10.10.3.3", 0x33);
                final Vm isoC = vm(resources, overlay, nodeC, "isoc", "t-iso", "chassis-tc", "10.10.1.3", 0x13);

                // Ping across each tunnel type, ARP resolved through the pipeline.
                awaitPing(vxA, "10.10.1.2");
                awaitPing(vxB, "10.10.1.1");
                awaitPing(grA, "10.10.2.3");
                awaitPing(geC, "10.10.3.2");

                // Isolation: t-iso (gre 100) and t-vx (vxlan 100) share a subnet, nothing crosses.
                awaitPing(isoC, "10.10.1.3");
                assertFalse(vxA.ping("10.10.1.3"));
                assertFalse(isoC.ping("10.10.1.1"));
                assertFalse(isoC.ping("10.10.1.2"));

                // A TCP transfer of 10 MB (overlay MTU 1400).
                Vm.transfer(vxA, vxB, "10.10.1.2", 10 * 1024 * 1024);

                // A port of another cloud: its packets are tunnelled to its host on the underlay.
                final String cloud = underlay.host("tcloud", "10.99.7.100/24");
                overlay.remotePort("t-far", "t-vx", "10.99.7.100");
                expect(200, restconf.patch("flowtun-lport:lports/lport=t-far", "{\"flowtun-lport:lport\":[{"
                    + "\"id\":\"t-far\",\"mac-address\":\"fa:16:3e:00:00:99\"}]}"));
                vxA.run("ip", "neigh", "replace", "10.10.1.99", "lladdr", "fa:16:3e:00:00:99", "dev", "eth0");
                final long farKey = overlay.lportKey("t-far");
                Await.until(CONVERGE, () -> nodeA.ofctl("dump-flows", "table=75,reg7=" + farKey).contains("output")
                    ? null : "no egress flow for t-far");
                final long before = Underlay.rxPackets(cloud);
                vxA.ping("10.10.1.99");
                assertTrue("the other cloud's host received the tunnelled packets",
                    Underlay.rxPackets(cloud) >= before + 2);
                assertTrue(nodeA.ofctl("dump-flows", "table=75,reg7=" + farKey).contains("n_packets=2"));

                // One virtual tunnel port per type on every node, however many nodes.
                for (OvsNode node : nodes) {
                    assertEquals(ALL_TYPES.size(), TunnelPortChecks.flowTunnelPorts(node).size());
                }

                // ovs-vswitchd of node B restarts (its flows are gone): traffic resumes, no API call.
                nodeB.stopVswitchd();
                nodeB.startVswitchd();
                underlay.configure(nodeB, "10.99.7.2/24");
                awaitPing(vxA, "10.10.1.2");
                awaitPing(geC, "10.10.3.2");

                // The controller restarts: traffic resumes (and flows are reconciled), no API call.
                karaf.stop();
                karaf.start();
                restconf.awaitReady();
                Await.until(CONVERGE, () -> restconf.get("flowtun-state:lport-states/lport-state=vxb")
                    .body.contains("\"local\"") ? null : "vxb's locality not published again");
                awaitPing(vxA, "10.10.1.2");
                awaitPing(grA, "10.10.2.3");
                Vm.transfer(geB, geC, "10.10.3.3", 1024 * 1024);
            } finally {
                for (AutoCloseable resource : resources) {
                    resource.close();
                }
            }
        }
    }

    private static Vm vm(final List<AutoCloseable> resources, final Overlay overlay, final OvsNode node,
            final String name, final String network, final String chassis, final String ip, final int macByte)
            throws Exception {
        return Vm.bound(resources, overlay, node, name, network, chassis, String.format(Locale.ROOT,
            "fa:16:3e:00:00:%02x", macByte), ip);
    }

    private static void awaitPing(final Vm from, final String ip) throws Exception {
        from.awaitPing(ip, CONVERGE);
    }

    private static void expect(final int status, final Restconf.Reply reply) {
        assertEquals(reply.toString(), status, reply.status);
    }
}
