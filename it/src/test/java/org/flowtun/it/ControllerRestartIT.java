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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The controller restarted as a user restarts it (bin/stop, edit etc/org.flowtun.cfg, bin/start) with a real
 * OVS node connected: the tunnel ports are reconciled to the configuration in force at the new start, with
 * nothing duplicated and the kept ports untouched.
 */
public class ControllerRestartIT {
    private static final List<String> ALL_TYPES = List.of("vxlan", "gre", "geneve");

    private final Restconf restconf = new Restconf(8181);

    @Test
    public void aRestartLeavesExactlyTheConfiguredPorts() throws Exception {
        try (KarafProcess karaf = KarafProcess.unpack(Path.of("target", "restart-karaf").toAbsolutePath())) {
            karaf.setFlowtunConfig("datapath-type", "netdev");
            karaf.setFlowtunConfig("controller-target", "tcp:127.0.0.1:6653");
            karaf.start();
            restconf.awaitReady();
            try (OvsNode node = OvsNode.start("r", "chassis-r", "10.99.9.1")) {
                TunnelPortChecks.awaitTunnelPorts(node, ALL_TYPES, "10.99.9.1");
                TunnelPortChecks.awaitPublishedOfportsMatch(restconf, node, ALL_TYPES);
                final String vxlan = node.get("Interface", "vxlan-tunnel-port", "ofport");
                final String gre = node.get("Interface", "gre-tunnel-port", "ofport");

                // A local and a remote port: the spec's flows.
                final Overlay overlay = new Overlay(restconf);
                overlay.network("net-r", "vxlan", 900);
                overlay.boundPort("vm-r", "net-r", "chassis-r", "fa:16:3e:00:09:00");
                final long vmPort = node.addVmPort("vmr", "vm-r");
                overlay.remotePort("far-r", "net-r", "192.0.2.90");
                // A trunk sub-port and a floating IP following vm-r: their roles are part of the state at start.
                overlay.network("net-s", "vxlan", 901);
                overlay.port("sub-r", "net-s", "\"mac-address\":\"fa:16:3e:00:09:01\"");
                overlay.trunk("trunk-r", "vm-r", Map.of("sub-r", 300));
                overlay.port("fip-r", "net-s", "\"mac-address\":\"fa:16:3e:00:09:02\"");
                overlay.floatingIp("fip-r", "fip-r", "vm-r", "10.9.0.1");
                final long ns = overlay.networkKey("net-s");
                final long sub = overlay.lportKey("sub-r");
                final long fip = overlay.lportKey("fip-r");
                final long n = overlay.networkKey("net-r");
                final long tunnel = Long.parseLong(vxlan);
                final long vm = overlay.lportKey("vm-r");
                final List<String> expected = new ArrayList<>(List.of(Overlay.classification(vmPort, vm, n),
                    Overlay.ingress(900, tunnel, n),
                    Overlay.egress(overlay.lportKey("far-r"), 900, "192.0.2.90", tunnel)));
                expected.addAll(Overlay.localDelivery(vm, vmPort));
                expected.addAll(Overlay.flood(n, List.of(vmPort), 900, List.of("192.0.2.90"), tunnel));
                expected.addAll(Overlay.macLookup(n, "fa:16:3e:00:09:00", vm, true));
                expected.add(Overlay.subPortClassification(vmPort, 300, sub, ns));
                expected.add(Overlay.ingress(901, tunnel, ns));
                expected.addAll(Overlay.macLookup(ns, "fa:16:3e:00:09:01", sub, true));
                expected.addAll(Overlay.taggedDelivery(sub, vmPort, 300));
                expected.addAll(Overlay.floodTagged(ns, vmPort, 300));
                expected.addAll(Overlay.macLookup(ns, "fa:16:3e:00:09:02", fip, true));
                expected.addAll(Overlay.dnatDelivery(fip, "fa:16:3e:00:09:00", "10.9.0.1", vmPort));
                Overlay.awaitFlows(node, expected);
                final List<String> flowsBefore = node.flows();

                // The same configuration across a restart: nothing changes, nothing is duplicated; the flows
                // are the same ones, with the same keys and cookies (the allocated keys were kept).
                karaf.stop();
                karaf.start();
                restconf.awaitReady();
                TunnelPortChecks.awaitPublishedOfportsMatch(restconf, node, ALL_TYPES);
                TunnelPortChecks.awaitTunnelPorts(node, ALL_TYPES, "10.99.9.1");
                assertEquals(vxlan, node.get("Interface", "vxlan-tunnel-port", "ofport"));
                // far-r's locality is published again once its flow is known to be on the switch (reconciled).
                Await.until(Overlay.TIMEOUT, () -> restconf.get("flowtun-state:lport-states/lport-state=far-r")
                    .body.contains("\"remote\"") ? null : "far-r's locality not published again");
                assertEquals(flowsBefore, node.flows());

                // geneve removed while the controller was down: its port goes at the next start, only it. And
                // the switch's flows changed meanwhile: a flowtun flow deleted, a stale flowtun flow and another
                // application's flow added. flowtun puts its own back as they were and leaves the other alone.
                final long far = overlay.lportKey("far-r");
                karaf.stop();
                node.ofctl("add-flow", "cookie=0x1234,table=0,priority=1,arp,actions=drop");
                final List<String> withForeign = node.flows();
                node.ofctl("del-flows", "table=75,reg7=" + far);
                node.ofctl("add-flow", "cookie=0xf7ff000000000001,table=75,priority=100,reg7=999999,actions=drop");
                karaf.setFlowtunConfig("tunnel-types", "vxlan,gre");
                karaf.start();
                restconf.awaitReady();
                TunnelPortChecks.awaitTunnelPorts(node, List.of("vxlan", "gre"), "10.99.9.1");
                TunnelPortChecks.awaitPublishedOfportsMatch(restconf, node, List.of("vxlan", "gre"));
                assertEquals(vxlan, node.get("Interface", "vxlan-tunnel-port", "ofport"));
                assertEquals(gre, node.get("Interface", "gre-tunnel-port", "ofport"));
                Await.until(Overlay.TIMEOUT, () -> node.flows().equals(withForeign) ? null
                    : "flows after the restart: " + node.flows());
                assertTrue(withForeign.containsAll(flowsBefore));
                assertEquals(flowsBefore.size() + 1, withForeign.size());
            }
        }
    }

}
