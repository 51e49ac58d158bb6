/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.neutron;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.Test;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.Lport;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.lport.binding.Chassis;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.Network;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.subnets.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.Trunk;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Compute;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Flat;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.FloatingIp;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Local;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.ResourceId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.RouterInterface;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Vxlan;

/**
 * Neutron's bodies as networking-odl sent them to a recording server (a real neutron-server 21 with networking-odl
 * stable/zed, {@code recorded-requests.json}), translated into flowtun's models.
 */
public class NeutronTranslationTest {
    private static final Map<String, String> CHASSIS_OF_HOST = Map.of("host-a", "chassis-a");
    private static JsonObject recorded;

    @BeforeClass
    public static void readRecording() throws IOException {
        try (Reader reader = new InputStreamReader(NeutronTranslationTest.class.getResourceAsStream(
                "/recorded-requests.json"), StandardCharsets.UTF_8)) {
            recorded = new JsonParser().parse(reader).getAsJsonObject();
        }
    }

    private static JsonObject body(final String request, final String type) {
        return recorded.getAsJsonObject(request).getAsJsonObject("body").getAsJsonObject(type);
    }

    private static String pathId(final String request) {
        final String path = recorded.getAsJsonObject(request).get("path").getAsString();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Test
    public void aTenantNetworkKeepsItsTypeSegmentAndMtu() {
        final JsonObject neutron = body("vxlan-network", "network");
        final Network network = NeutronNetworks.network(neutron, neutron.get("id").getAsString()).value();
        assertEquals(Vxlan.class, network.getNetworkType());
        assertEquals(neutron.get("provider:segmentation_id").getAsLong(), network.getSegmentationId().toJava());
        assertNull(network.getPhysicalNetwork());
        assertEquals(neutron.get("mtu").getAsInt(), network.getMtu().toJava());
        assertEquals("net1", network.getName());
    }

    @Test
    public void anUpdateTakesItsIdFromThePath() {
        final Network network = NeutronNetworks.network(body("vxlan-network-update", "network"),
            pathId("vxlan-network-update")).value();
        assertEquals(pathId("vxlan-network-update"), network.getId().getValue());
        assertEquals("net1-renamed", network.getName());
    }

    @Test
    public void aFlatExternalNetworkNamesItsPhysicalNetwork() {
        final JsonObject neutron = body("flat-network", "network");
        final Network network = NeutronNetworks.network(neutron, neutron.get("id").getAsString()).value();
        assertEquals(Flat.class, network.getNetworkType());
        assertEquals("physnet1", network.getPhysicalNetwork().getValue());
        assertNull(network.getSegmentationId());
    }

    @Test
    public void theCanaryWithoutProviderAttributesIsALocalNetwork() {
        final JsonObject neutron = body("canary", "network");
        final Network network = NeutronNetworks.network(neutron, neutron.get("id").getAsString()).value();
        assertEquals(Local.class, network.getNetworkType());
        assertEquals("Sync Canary Network", network.getName());
    }

    @Test
    public void whatCannotBeRepresentedIsRefusedNamingNeutronsField() {
        final JsonObject neutron = new JsonParser().parse("{\"id\":\"n1\",\"provider:network_type\":\"opflex\"}")
            .getAsJsonObject();
        final Translated<Network> refused = NeutronNetworks.network(neutron, "n1");
        assertTrue(refused.isRefused());
        assertEquals(List.of("network \"n1\": provider:network_type: \"opflex\" is not a type flowtun carries"
            + " (vxlan, gre, geneve, vlan, flat, local)"), refused.problems().items());
        assertEquals(List.of("network \"n2\": id: \"n1\" is not the resource's id \"n2\""),
            NeutronNetworks.network(neutron, "n2").problems().items().subList(0, 1));
    }

    @Test
    public void aSubnetKeepsItsNetworkPrefixGatewayAndDhcp() {
        final JsonObject neutron = body("subnet", "subnet");
        final Subnet subnet = NeutronNetworks.subnet(neutron, neutron.get("id").getAsString()).value();
        assertEquals(neutron.get("network_id").getAsString(), subnet.getNetwork().getValue());
        assertEquals(neutron.get("cidr").getAsString(), subnet.getCidr().stringValue());
        assertEquals(neutron.get("gateway_ip").getAsString(), subnet.getGatewayIp().stringValue());
        assertEquals(neutron.get("enable_dhcp").getAsBoolean(), subnet.isEnableDhcp());
    }

    @Test
    public void aPortIsUnboundUntilItsHostIsOneFlowtunKnows() {
        final JsonObject unbound = body("port-unbound", "port");
        final Lport lport = NeutronPorts.lport(unbound, unbound.get("id").getAsString(), host -> null).value();
        assertNull(lport.getBinding());
        assertEquals(unbound.get("mac_address").getAsString(), lport.getMacAddress().getValue());
        assertEquals(List.of("10.0.0.218"), lport.getIps().stream().map(ip -> ip.stringValue())
            .collect(java.util.stream.Collectors.toList()));
        assertEquals(Compute.class, lport.getDeviceOwner());

        final Lport bound = NeutronPorts.lport(body("port-bound", "port"), pathId("port-bound"),
            CHASSIS_OF_HOST::get).value();
        assertEquals("chassis-a", ((Chassis) bound.getBinding()).getChassis().getValue());
    }

    @Test
    public void routerInterfacesFloatingIpsAndSubPortsGetTheirRole() {
        final JsonObject routerInterface = body("router-interface-port", "port");
        assertEquals(RouterInterface.class, NeutronPorts.lport(routerInterface, routerInterface.get("id")
            .getAsString(), CHASSIS_OF_HOST::get).value().getDeviceOwner());
        final JsonObject floating = body("floatingip-port", "port");
        assertEquals(FloatingIp.class, NeutronPorts.lport(floating, floating.get("id").getAsString(),
            CHASSIS_OF_HOST::get).value().getDeviceOwner());
        // a trunk's sub-port: device_owner "", unbound; its trunk's parent places it
        final JsonObject subPort = body("trunk-subport", "port");
        final Lport lport = NeutronPorts.lport(subPort, subPort.get("id").getAsString(), CHASSIS_OF_HOST::get)
            .value();
        assertEquals(Compute.class, lport.getDeviceOwner());
        assertNull(lport.getBinding());
        assertFalse(lport.getIps().isEmpty());
    }

    @Test
    public void aTrunkIsWrittenWholeWithItsVlanSubPorts() {
        final Trunk trunk = NeutronTrunks.trunk(body("trunk-update", "trunk"), pathId("trunk-update")).value();
        assertEquals("c8f81a29-d1f4-437d-9572-efcb7b338b6a", trunk.getParentLport().getValue());
        final Map<String, Integer> subPorts = new java.util.TreeMap<>();
        trunk.nonnullSubPort().values().forEach(sub -> subPorts.put(sub.getLport().getValue(),
            sub.getSegmentationId().toJava()));
        assertEquals(Map.of("b3bae4b1-5cc9-44b2-ad94-d63808d5addc", 100, "59ff13a0-23b8-4bd5-871e-faf1057a379f", 200),
            subPorts);
        final JsonObject inner = new JsonParser().parse("{\"port_id\":\"p\",\"sub_ports\":[{\"port_id\":\"s\","
            + "\"segmentation_type\":\"inherit\"}]}").getAsJsonObject();
        assertEquals(List.of("trunk \"t\": sub_ports: sub-port \"s\": segmentation_type \"inherit\" (flowtun's trunks"
            + " carry vlan only)"), NeutronTrunks.trunk(inner, "t").problems().items());
    }

    @Test
    public void aRouterHasItsGatewayPortAndTheInterfacePortsItsPortsName() {
        final JsonObject neutron = body("router", "router");
        final Router router = NeutronL3.router(neutron, neutron.get("id").getAsString(),
            List.of("8bb51885-8799-47a8-9847-f4b44d9ca780")).value();
        assertEquals("73d90953-e71e-402d-9dbb-b7f16f5d28ac", router.getGatewayPort().getValue());
        assertEquals(List.of("8bb51885-8799-47a8-9847-f4b44d9ca780"), router.getInterfaces().stream()
            .map(ResourceId::getValue).collect(java.util.stream.Collectors.toList()));
    }

    @Test
    public void aFloatingIpFollowsItsPortAndLosesItWhenDisassociated() {
        final JsonObject neutron = body("floatingip-post", "floatingip");
        final org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.floating.ips
            .FloatingIp associated = NeutronL3.floatingIp(neutron, neutron.get("id").getAsString(), "fip-port")
            .value();
        assertEquals("fip-port", associated.getFloatingLport().getValue());
        assertEquals(neutron.get("port_id").getAsString(), associated.getAssociatedLport().getValue());
        assertEquals("10.0.0.218", associated.getFixedIpAddress().stringValue());
        assertEquals("203.0.113.228", associated.getFloatingIpAddress().stringValue());
        // disassociated: port_id and fixed_ip_address are absent, not null
        final org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.floating.ips
            .FloatingIp disassociated = NeutronL3.floatingIp(body("floatingip-put", "floatingip"),
            pathId("floatingip-put"), "fip-port").value();
        assertNull(disassociated.getAssociatedLport());
        assertNull(disassociated.getFixedIpAddress());
    }
}
