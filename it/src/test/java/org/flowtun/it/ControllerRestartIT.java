/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.it;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
            karaf.start();
            awaitRestconf();
            try (OvsNode node = OvsNode.start("r", "chassis-r", "10.99.9.1")) {
                TunnelPortChecks.awaitTunnelPorts(node, ALL_TYPES, "10.99.9.1");
                TunnelPortChecks.awaitPublishedOfportsMatch(restconf, node, ALL_TYPES);
                final String vxlan = node.get("Interface", "vxlan-tunnel-port", "ofport");
                final String gre = node.get("Interface", "gre-tunnel-port", "ofport");

                // The same configuration across a restart: nothing changes, nothing is duplicated.
                karaf.stop();
                karaf.start();
                awaitRestconf();
                TunnelPortChecks.awaitPublishedOfportsMatch(restconf, node, ALL_TYPES);
                TunnelPortChecks.awaitTunnelPorts(node, ALL_TYPES, "10.99.9.1");
                assertEquals(vxlan, node.get("Interface", "vxlan-tunnel-port", "ofport"));

                // geneve removed while the controller was down: its port goes at the next start, only it.
                karaf.stop();
                karaf.setFlowtunConfig("tunnel-types", "vxlan,gre");
                karaf.start();
                awaitRestconf();
                TunnelPortChecks.awaitTunnelPorts(node, List.of("vxlan", "gre"), "10.99.9.1");
                TunnelPortChecks.awaitPublishedOfportsMatch(restconf, node, List.of("vxlan", "gre"));
                assertEquals(vxlan, node.get("Interface", "vxlan-tunnel-port", "ofport"));
                assertEquals(gre, node.get("Interface", "gre-tunnel-port", "ofport"));
            }
        }
    }

    private void awaitRestconf() throws Exception {
        Await.until(Duration.ofMinutes(4), () -> {
            try {
                final Restconf.Reply reply = restconf.get("flowtun-chassis:chassis-registry");
                return reply.status == 200 ? null : "RESTCONF answers " + reply.status;
            } catch (AssertionError e) {
                return "RESTCONF not up: " + e.getMessage();
            }
        });
    }
}
