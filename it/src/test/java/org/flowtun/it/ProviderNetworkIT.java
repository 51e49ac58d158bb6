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

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * Provider networks with real packets: two OVS nodes, each with a provider bridge whose NIC is a veth into one
 * Linux bridge (the physical network), mapped with {@code external_ids:flowtun-bridge-mappings}; the real
 * controller started as a user starts it. VMs on a VLAN network reach each other across nodes (ping, TCP), tagged
 * on the wire; a second VLAN and a tunnel network with the same segmentation id stay apart; a flat
 * network reaches an untagged host, which reaches a VM through a floating IP of that flat network. Bad provider
 * networks are refused with 400 naming the field. A node whose mapping is removed loses its patch ports and
 * provider flows, its remote ports lose their locality there, and {@code flowtun:nodes} says why; the mapping
 * back, and a restart of ovs-vswitchd, and traffic resumes with no API call.
 */
public class ProviderNetworkIT {
    private static final List<String> ALL_TYPES = List.of("vxlan", "gre", "geneve");
    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static final String PHYSNET = "physnet1";
    private static final String BRIDGE = "br-prov";
    private static final String MAPPINGS = "external_ids:flowtun-bridge-mappings=" + PHYSNET + ":" + BRIDGE;
    private static final String PATCH = "int-" + BRIDGE;

    private final Restconf restconf = new Restconf(8181);

    @Test
    public void vlanAndFlatNetworksCarryPacketsOverThePhysicalNetwork() throws Exception {
        final List<AutoCloseable> resources = new ArrayList<>();
        try (KarafProcess karaf = KarafProcess.unpack(Path.of("target", "provider-karaf").toAbsolutePath())) {
            karaf.setFlowtunConfig("datapath-type", "netdev");
            karaf.setFlowtunConfig("controller-target", "tcp:127.0.0.1:6653");
            karaf.start();
            restconf.awaitReady();
            try (Underlay underlay = Underlay.create();
                 Underlay wire = Underlay.physicalNetwork("pn");
                 OvsNode nodeA = OvsNode.start("pa", "chassis-pa", "10.99.8.1");
                 OvsNode nodeB = OvsNode.start("pb", "chassis-pb", "10.99.8.2")) {
                final OvsNode[] nodes = {nodeA, nodeB};
                for (int i = 0; i < nodes.length; i++) {
                    underlay.attach(nodes[i], "10.99.8." + (i + 1) + "/24");
                    wire.attachProviderBridge(nodes[i], BRIDGE);
                    nodes[i].vsctl("set", "Open_vSwitch", ".", MAPPINGS);
                }
                for (int i = 0; i < nodes.length; i++) {
                    TunnelPortChecks.awaitTunnelPorts(nodes[i], ALL_TYPES, "10.99.8." + (i + 1));
                    awaitPatchPorts(nodes[i]);
                }
                // The mapping is in the chassis registry, the patch port's ofport in the operational state.
                final String nodeIdA = nodeId("chassis-pa");
                final String nodeIdB = nodeId("chassis-pb");
                Await.until(CONVERGE, () -> restconf.get("flowtun-chassis:chassis-registry/chassis=chassis-pb")
                    .body.contains("\"bridge\":\"" + BRIDGE + "\"") ? null : "chassis-pb has no bridge mapping");
                final JsonNode providerPort = providerPort(nodeIdA);
                assertEquals(PHYSNET, providerPort.get("physical-network").asText());
                assertEquals(BRIDGE, providerPort.get("bridge").asText());
                assertEquals(nodeA.get("Interface", PATCH, "ofport"), providerPort.get("ofport").asText());

                final Overlay overlay = new Overlay(restconf);
                refusesBadProviderNetworks();
                providerNetwork("p-v100", "vlan", 100L);
                providerNetwork("p-v200", "vlan", 200L);
                providerNetwork("p-flat", "flat", null);
                // The same segmentation id as p-v100, on a tunnel: another network.
                overlay.network("t-vx100", "vxlan", 100);

                final Vm v100a = vm(resources, overlay, nodeA, "v100a", "p-v100", "chassis-pa", "10.20.1.1", 0x01);
                final Vm v100b = vm(resources, overlay, nodeB, "v100b", "p-v100", "chassis-pb", "10.20.1.2", 0x02);
                final Vm v200a = vm(resources, overlay, nodeA, "v200a", "p-v200", "chassis-pa", "10.20.1.11", 0x11);
                final Vm v200b = vm(resources, overlay, nodeB, "v200b", "p-v200", "chassis-pb", "10.20.1.12", 0x12);
                final Vm vxb = vm(resources, overlay, nodeB, "vxb", "t-vx100", "chassis-pb", "10.20.1.22", 0x22);
                final Vm flatA = vm(resources, overlay, nodeA, "fla", "p-flat", "chassis-pa", "10.30.0.1", 0x31);
                final Vm flatB = vm(resources, overlay, nodeB, "flb", "p-flat", "chassis-pb", "10.30.0.2", 0x32);

                // VLAN 100 across the physical network, ARP through the pipeline; VLAN 200 too; TCP.
                awaitPing(v100a, "10.20.1.2");
                awaitPing(v200b, "10.20.1.11");
                Vm.transfer(v100a, v100b, "10.20.1.2", 1024 * 1024);
                // Isolation: one subnet, three networks (VLAN 100, VLAN 200, VXLAN 100): nothing crosses.
                awaitPing(vxb, "10.20.1.22");
                assertFalse(v100a.ping("10.20.1.12"));
                assertFalse(v100a.ping("10.20.1.22"));
                assertFalse(v200a.ping("10.20.1.2"));
                assertFalse(vxb.ping("10.20.1.1"));

                // The flows, as the provider app's documentation gives them.
                final long patchA = Long.parseLong(nodeA.get("Interface", PATCH, "ofport"));
                final long keyV100b = overlay.lportKey("v100b");
                assertTrue(nodeA.ofctl("dump-flows", "table=0,in_port=" + patchA + ",dl_vlan=100")
                    .contains("pop_vlan"));
                final String egress = nodeA.ofctl("dump-flows", "table=75,reg7=" + keyV100b);
                assertTrue(egress, egress.contains("push_vlan:0x8100") && egress.contains("output:" + patchA));
                assertTrue(nodeA.ofctl("dump-flows", "table=0,in_port=" + patchA + ",vlan_tci=0x0000/0x1fff")
                    .contains("goto_table:100"));
                LocalityEvents.awaitLocalities(restconf, "v100b", Map.of(nodeIdB, "local", nodeIdA, "remote"));

                // The wire carried VLAN 100 tagged: node B's ingress flow for it (dl_vlan=100) counted the packets.
                final long patchB = Long.parseLong(nodeB.get("Interface", PATCH, "ofport"));
                final String ingressB = nodeB.ofctl("dump-flows", "table=0,in_port=" + patchB + ",dl_vlan=100");
                assertTrue(ingressB, ingressB.matches("(?s).*n_packets=[1-9].*"));
                // A host on the wire, untagged: the flat network's.
                final String external = wire.host("pext", "10.30.0.100/24");
                awaitPing(flatA, "10.30.0.100");
                awaitPing(flatB, "10.30.0.1");

                // A floating IP on the flat (external) network: the external host reaches v100a through it.
                overlay.port("fip-port", "p-flat", "\"mac-address\":\"fa:16:3e:00:0f:01\","
                    + "\"ips\":[\"10.30.0.50\"],\"device-owner\":\"flowtun-types:floating-ip\"");
                overlay.floatingIp("fip", "fip-port", "v100a", "10.20.1.1");
                Shell.inNetns(external, "ip", "neigh", "replace", "10.30.0.50", "lladdr", "fa:16:3e:00:0f:01", "dev",
                    "eth0");
                Await.until(CONVERGE, () -> udpArrives(external, "10.30.0.50", v100a) ? null
                    : "no datagram sent to the floating IP reached v100a");

                // Node B loses its mapping: patch ports and provider flows go, v100a has no locality on B.
                nodeB.vsctl("remove", "Open_vSwitch", ".", "external_ids", "flowtun-bridge-mappings");
                Await.until(CONVERGE, () -> !nodeB.vsctl("list-ports", "br-int").contains(PATCH)
                    && !nodeB.vsctl("list-ports", BRIDGE).contains("phy-" + BRIDGE) ? null : "patch ports still on B");
                assertTrue("the provider bridge keeps its NIC", nodeB.vsctl("list-ports", BRIDGE).contains("pnic-"));
                Await.until(CONVERGE, () -> !nodeB.ofctl("dump-flows").contains("push_vlan")
                    && !nodeB.ofctl("dump-flows").contains("dl_vlan=100") ? null : "provider flows still on B");
                LocalityEvents.awaitLocalities(restconf, "v100a", Map.of(nodeIdA, "local"));
                Await.until(CONVERGE, () -> !restconf.get("flowtun-chassis:chassis-registry/chassis=chassis-pb")
                    .body.contains(BRIDGE) ? null : "chassis-pb still has its bridge mapping");
                assertFalse(v100a.ping("10.20.1.2"));
                final String nodesOutput = karaf.shell("flowtun:nodes");
                assertTrue(nodesOutput, nodesOutput.contains(nodeIdB + " needs physical network(s) " + PHYSNET));
                awaitPing(vxb, "10.20.1.22");

                // The mapping back: everything returns, no API call.
                nodeB.vsctl("set", "Open_vSwitch", ".", MAPPINGS);
                awaitPatchPorts(nodeB);
                awaitPing(v100a, "10.20.1.2");
                LocalityEvents.awaitLocalities(restconf, "v100a", Map.of(nodeIdA, "local", nodeIdB, "remote"));

                // ovs-vswitchd of node B restarts (its flows are gone): traffic resumes.
                nodeB.stopVswitchd();
                nodeB.startVswitchd();
                underlay.configure(nodeB, "10.99.8.2/24");
                awaitPing(v100a, "10.20.1.2");
                awaitPing(flatB, "10.30.0.100");
            } finally {
                for (AutoCloseable resource : resources) {
                    resource.close();
                }
            }
        }
    }

    /** Provider networks the model cannot carry are refused with 400 naming the field, and nothing is stored. */
    private void refusesBadProviderNetworks() throws Exception {
        providerNetwork("p-first-flat", "flat", null);
        providerNetwork("p-first-v42", "vlan", 42L);
        expectRefused("p-no-physnet", "{\"id\":\"p-no-physnet\",\"network-type\":\"flowtun-types:vlan\","
            + "\"segmentation-id\":7}", "physical-network");
        expectRefused("p-vx-physnet", "{\"id\":\"p-vx-physnet\",\"network-type\":\"flowtun-types:vxlan\","
            + "\"segmentation-id\":7,\"physical-network\":\"" + PHYSNET + "\"}", "physical-network");
        expectRefused("p-second-flat", "{\"id\":\"p-second-flat\",\"network-type\":\"flowtun-types:flat\","
            + "\"physical-network\":\"" + PHYSNET + "\"}", "p-first-flat");
        expectRefused("p-second-v42", "{\"id\":\"p-second-v42\",\"network-type\":\"flowtun-types:vlan\","
            + "\"segmentation-id\":42,\"physical-network\":\"" + PHYSNET + "\"}", "segmentation-id");
        // the same VLAN id on another physical network is another segment
        providerNetwork("p-other-v42", "vlan", 42L, "physnet2");
        for (String id : List.of("p-first-flat", "p-first-v42", "p-other-v42")) {
            assertEquals(204, restconf.delete("flowtun-network:networks/network=" + id).status);
        }
    }

    private void expectRefused(final String id, final String network, final String named) {
        final Restconf.Reply reply = restconf.put("flowtun-network:networks/network=" + id,
            "{\"flowtun-network:network\":[" + network + "]}");
        assertEquals(reply.toString(), 400, reply.status);
        assertTrue(reply.toString(), reply.body.contains(named));
        assertTrue(id + " was stored", restconf.missing("flowtun-network:networks/network=" + id));
    }

    private void providerNetwork(final String id, final String type, final Long vlan) {
        providerNetwork(id, type, vlan, PHYSNET);
    }

    private void providerNetwork(final String id, final String type, final Long vlan, final String physnet) {
        final Restconf.Reply reply = restconf.put("flowtun-network:networks/network=" + id,
            "{\"flowtun-network:network\":[{\"id\":\"" + id + "\",\"network-type\":\"flowtun-types:" + type + "\""
                + (vlan == null ? "" : ",\"segmentation-id\":" + vlan) + ",\"physical-network\":\"" + physnet
                + "\"}]}");
        assertEquals(reply.toString(), 201, reply.status);
    }

    /** Both ends of the node's patch pair exist and br-int's has an ofport. */
    private static void awaitPatchPorts(final OvsNode node) throws Exception {
        Await.until(CONVERGE, () -> {
            if (!node.vsctl("list-ports", BRIDGE).contains("phy-" + BRIDGE)) {
                return node.name() + ": no phy-" + BRIDGE + " on " + BRIDGE;
            }
            final String ofport = node.vsctl("--if-exists", "get", "Interface", PATCH, "ofport").trim();
            return ofport.matches("[1-9][0-9]*") ? null : node.name() + ": " + PATCH + " has ofport " + ofport;
        });
    }

    /** The OVSDB node id of the chassis' node, from flowtun-state:tunnel-ports. */
    private String nodeId(final String chassis) throws Exception {
        final String[] found = new String[1];
        Await.until(CONVERGE, () -> {
            final Restconf.Reply reply = restconf.get("flowtun-state:tunnel-ports");
            if (reply.status == 200) {
                for (JsonNode node : reply.json().get("flowtun-state:tunnel-ports").path("node")) {
                    if (chassis.equals(node.path("chassis-id").asText())) {
                        found[0] = node.get("node-id").asText();
                        return null;
                    }
                }
            }
            return "no node of chassis " + chassis + ": " + reply;
        });
        return found[0];
    }

    /** The node's provider port in flowtun-state:tunnel-ports, once it has an ofport. */
    private JsonNode providerPort(final String nodeId) throws Exception {
        final JsonNode[] found = new JsonNode[1];
        Await.until(CONVERGE, () -> {
            final Restconf.Reply reply = restconf.get("flowtun-state:tunnel-ports");
            for (JsonNode node : reply.json().get("flowtun-state:tunnel-ports").path("node")) {
                if (nodeId.equals(node.path("node-id").asText()) && node.path("provider-port").size() == 1
                        && node.path("provider-port").get(0).has("ofport")) {
                    found[0] = node.path("provider-port").get(0);
                    return null;
                }
            }
            return "no provider port with an ofport for " + nodeId + ": " + reply;
        });
        return found[0];
    }

    /** Whether a UDP datagram the host sends to {@code address} reaches the VM (as its own address). */
    private static boolean udpArrives(final String host, final String address, final Vm vm) throws Exception {
        final Process receiver = new ProcessBuilder("ip", "netns", "exec", vm.netns(), "timeout", "3", "socat", "-u",
            "UDP-RECV:5002", "-").redirectErrorStream(true).start();
        try {
            Thread.sleep(300);
            Shell.exec("ip", "netns", "exec", host, "sh", "-c", "echo flowtun-fip | socat -u - UDP-SENDTO:" + address
                + ":5002");
            receiver.waitFor(5, TimeUnit.SECONDS);
            return new String(receiver.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("flowtun-fip");
        } finally {
            receiver.destroyForcibly();
        }
    }

    private static Vm vm(final List<AutoCloseable> resources, final Overlay overlay, final OvsNode node,
            final String name, final String network, final String chassis, final String ip, final int macByte)
            throws Exception {
        return Vm.bound(resources, overlay, node, name, network, chassis, String.format(Locale.ROOT,
            "fa:16:3e:00:01:%02x", macByte), ip);
    }

    private static void awaitPing(final Vm from, final String ip) throws Exception {
        from.awaitPing(ip, CONVERGE);
    }
}
