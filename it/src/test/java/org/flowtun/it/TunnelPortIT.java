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

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The tunnel manager against real Open vSwitch nodes connected over OVSDB: one virtual tunnel port per
 * configured type, exactly as the spec shows it, tracked ofports, live configuration, and recovery from
 * faults.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TunnelPortIT extends FlowtunPaxExamTest {
    @Inject
    private ConfigurationAdmin configAdmin;

    @Test
    public void eachNodeGetsOneVirtualTunnelPortPerTypeAsInTheSpec() throws Exception {
        try (OvsNode node = OvsNode.start("a", "chassis-a", "10.99.1.1")) {
            TunnelPortChecks.awaitTunnelPorts(node, ALL_TYPES, "10.99.1.1");
            assertEquals("secure", node.get("Bridge", "br-int", "fail_mode"));
            assertEquals("[OpenFlow13]", node.get("Bridge", "br-int", "protocols"));
            assertEquals("netdev", node.get("Bridge", "br-int", "datapath_type"));
            // the switch retries the controller every second at most (OVS's default backs off to 8 s)
            assertEquals("1000", node.vsctl("--bare", "--columns=max_backoff", "list", "Controller"));
            assertTrue(node.vsctl("show"), node.vsctl("show").contains(
                "options: {key=flow, local_ip=\"10.99.1.1\", remote_ip=flow}"));
            TunnelPortChecks.awaitPublishedOfportsMatch(restconf, node, ALL_TYPES);

            // The node's chassis is registered with the configured tunnel types.
            final JsonNode chassis = restconf.get("flowtun-chassis:chassis-registry/chassis=chassis-a").json()
                .get("flowtun-chassis:chassis").get(0);
            assertEquals("10.99.1.1", chassis.get("ip").asText());
            assertEquals(3, chassis.get("tunnel-types").size());

            // A new local_ip is followed by the ports.
            node.vsctl("set", "Open_vSwitch", ".", "other_config:local_ip=10.99.1.9");
            TunnelPortChecks.awaitTunnelPorts(node, ALL_TYPES, "10.99.1.9");
        }
    }

    @Test
    public void fiveHundredChassisStillMeanOnePortPerType() throws Exception {
        final StringBuilder body = new StringBuilder("{\"flowtun-chassis:chassis\":[");
        for (int i = 0; i < 500; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"bulk-").append(i).append("\",\"ip\":\"10.77.")
                .append(i / 250).append('.').append(i % 250 + 1)
                .append("\",\"tunnel-types\":[\"flowtun-types:vxlan\"]}");
        }
        final Restconf.Reply reply = restconf.post("flowtun-chassis:chassis-registry", body.append("]}").toString());
        assertEquals(reply.toString(), 201, reply.status);
        try (OvsNode node = OvsNode.start("b", "chassis-b", "10.99.2.1")) {
            TunnelPortChecks.awaitTunnelPorts(node, ALL_TYPES, "10.99.2.1");
            Thread.sleep(3000);
            assertEquals(3, TunnelPortChecks.flowTunnelPorts(node).size());
            assertEquals(3, node.vsctl("list-ports", "br-int").lines().count());
        }
    }

    @Test
    public void aTypeRemovedFromTheConfigurationLosesItsPortAndNothingElse() throws Exception {
        try (OvsNode node = OvsNode.start("c", "chassis-c", "10.99.3.1")) {
            TunnelPortChecks.awaitTunnelPorts(node, ALL_TYPES, "10.99.3.1");
            node.vsctl("add-port", "br-int", "vm-port", "--", "set", "Interface", "vm-port", "type=internal");
            final String vxlanOfport = node.get("Interface", "vxlan-tunnel-port", "ofport");
            final String greOfport = node.get("Interface", "gre-tunnel-port", "ofport");

            setTunnelTypes("vxlan,gre");
            TunnelPortChecks.awaitTunnelPorts(node, List.of("vxlan", "gre"), "10.99.3.1");
            assertEquals(vxlanOfport, node.get("Interface", "vxlan-tunnel-port", "ofport"));
            assertEquals(greOfport, node.get("Interface", "gre-tunnel-port", "ofport"));
            assertTrue(node.vsctl("list-ports", "br-int").contains("vm-port"));
            TunnelPortChecks.awaitPublishedOfportsMatch(restconf, node, List.of("vxlan", "gre"));

            // An invalid configuration is refused; the previous one stays in force.
            setTunnelTypes("vxlan,bogus");
            Thread.sleep(3000);
            assertEquals(List.of("gre-tunnel-port", "vxlan-tunnel-port"), TunnelPortChecks.flowTunnelPorts(node));

            setTunnelTypes("vxlan,gre,geneve");
            TunnelPortChecks.awaitTunnelPorts(node, ALL_TYPES, "10.99.3.1");
            assertTrue(node.vsctl("list-ports", "br-int").contains("vm-port"));
            TunnelPortChecks.awaitPublishedOfportsMatch(restconf, node, ALL_TYPES);
        } finally {
            setTunnelTypes("vxlan,gre,geneve");
        }
    }

    @Test
    public void portsComeBackAfterFaults() throws Exception {
        try (OvsNode node = OvsNode.start("d", "chassis-d", "10.99.4.1")) {
            TunnelPortChecks.awaitTunnelPorts(node, ALL_TYPES, "10.99.4.1");

            node.vsctl("del-port", "br-int", "vxlan-tunnel-port");
            TunnelPortChecks.awaitTunnelPorts(node, ALL_TYPES, "10.99.4.1");
            TunnelPortChecks.awaitPublishedOfportsMatch(restconf, node, ALL_TYPES);

            node.stopVswitchd();
            node.startVswitchd();
            TunnelPortChecks.awaitTunnelPorts(node, ALL_TYPES, "10.99.4.1");
            TunnelPortChecks.awaitPublishedOfportsMatch(restconf, node, ALL_TYPES);

            node.stopOvsdbServer();
            node.startOvsdbServer();
            TunnelPortChecks.awaitTunnelPorts(node, ALL_TYPES, "10.99.4.1");
            TunnelPortChecks.awaitPublishedOfportsMatch(restconf, node, ALL_TYPES);
        }
    }

    @Test
    public void twoNodesEachGetTheirOwnPorts() throws Exception {
        try (OvsNode first = OvsNode.start("e", "chassis-e", "10.99.5.1");
             OvsNode second = OvsNode.start("f", "chassis-f", "10.99.5.2")) {
            TunnelPortChecks.awaitTunnelPorts(first, ALL_TYPES, "10.99.5.1");
            TunnelPortChecks.awaitTunnelPorts(second, ALL_TYPES, "10.99.5.2");
            TunnelPortChecks.awaitPublishedOfportsMatch(restconf, first, ALL_TYPES);
            TunnelPortChecks.awaitPublishedOfportsMatch(restconf, second, ALL_TYPES);
        }
    }

    private void setTunnelTypes(final String types) throws IOException {
        final org.osgi.service.cm.Configuration configuration = configAdmin.getConfiguration("org.flowtun", "?");
        final Dictionary<String, Object> properties = configuration.getProperties() == null ? new Hashtable<>()
            : configuration.getProperties();
        properties.put("tunnel-types", types);
        configuration.update(properties);
    }
}
