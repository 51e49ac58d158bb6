/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.validation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.ChassisBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.LportBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.lport.binding.BindingProfileBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.PhysicalNetworkName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.Network;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.NetworkBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Dhcp;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Flat;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Gre;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.NetworkType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.ResourceId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Vlan;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Vxlan;
import org.opendaylight.yangtools.yang.common.Uint32;

public class ConfigValidatorTest {
    @Test
    public void segmentationRangesDependOnTheNetworkType() {
        assertTrue(ConfigValidator.validateNetwork(network(Vxlan.class, 16_777_215L)).isEmpty());
        assertEquals(List.of("network \"n\": segmentation-id: 16777216 is out of range for vxlan (1..16777215)"),
            ConfigValidator.validateNetwork(network(Vxlan.class, 16_777_216L)).items());
        assertTrue(ConfigValidator.validateNetwork(network(Gre.class, 4_294_967_295L)).isEmpty());
        assertEquals(List.of("network \"n\": segmentation-id: 4095 is out of range for vlan (1..4094)"),
            ConfigValidator.validateNetwork(network(Vlan.class, 4095L, "physnet1")).items());
        assertEquals(List.of("network \"n\": segmentation-id: is mandatory for vxlan networks (1..16777215)"),
            ConfigValidator.validateNetwork(network(Vxlan.class, null)).items());
        assertEquals(List.of("network \"n\": segmentation-id: flat networks have no segmentation id"),
            ConfigValidator.validateNetwork(network(Flat.class, 5L, "physnet1")).items());
    }

    @Test
    public void aChassisNeedsAnIpv4AndATunnelType() {
        assertEquals(List.of("chassis \"c\": tunnel-types: at least one tunnel type is required (gre, vxlan, geneve)"),
            ConfigValidator.validateChassis(new ChassisBuilder().setId(new ResourceId("c"))
                .setIp(IpAddressBuilder.getDefaultInstance("10.0.0.1")).build()).items());
        assertEquals(List.of("chassis \"c\": ip: tunnel endpoints must be IPv4, got 2001:db8::1"),
            ConfigValidator.validateChassis(new ChassisBuilder().setId(new ResourceId("c"))
                .setIp(IpAddressBuilder.getDefaultInstance("2001:db8::1")).setTunnelTypes(List.of(Vxlan.class))
                .build()).items());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void identitiesOfTheWrongBaseAreRefused() {
        // what RESTCONF hands over for "flowtun-types:vlan" in a leaf-list of tunnel-type identities
        final List wrong = List.of(Vxlan.class, Vlan.class);
        assertEquals(List.of("chassis \"c\": tunnel-types: vlan is not a tunnel type (gre, vxlan, geneve)"),
            ConfigValidator.validateChassis(new ChassisBuilder().setId(new ResourceId("c"))
                .setIp(IpAddressBuilder.getDefaultInstance("10.0.0.1")).setTunnelTypes(wrong).build()).items());
        final LportBuilder lport = new LportBuilder().setId(new ResourceId("p")).setNetwork(new ResourceId("n"))
            .setDeviceOwner((Class) Vxlan.class);
        assertEquals(List.of("lport \"p\": device-owner: vxlan is not a device owner (compute, router-interface, "
            + "router-gateway, floating-ip, dhcp or trunk-subport)"),
            ConfigValidator.validateLport(lport.build(), Optional.of(network(Vxlan.class, 5L)), true).items());
        assertTrue(ConfigValidator.validateLport(lport.setDeviceOwner(Dhcp.class).build(),
            Optional.of(network(Vxlan.class, 5L)), true).isEmpty());
        assertEquals(List.of("network \"n\": network-type: network-type is not a network type (gre, vxlan, geneve, "
            + "vlan, flat or local)"), ConfigValidator.validateNetwork(network(NetworkType.class, 5L)).items());
    }

    @Test
    public void anLportNeedsItsNetworkAndChassis() {
        final LportBuilder lport = new LportBuilder().setId(new ResourceId("p")).setNetwork(new ResourceId("n"))
            .setBinding(new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport
                .rev261122.lports.lport.binding.ChassisBuilder().setChassis(new ResourceId("c")).build());
        assertEquals(List.of("lport \"p\": network: no network \"n\"",
            "lport \"p\": chassis: no chassis \"c\" in the chassis-registry"),
            ConfigValidator.validateLport(lport.build(), Optional.empty(), false).items());
        assertTrue(ConfigValidator.validateLport(lport.build(), Optional.of(network(Vxlan.class, 5L)), true)
            .isEmpty());
    }

    @Test
    public void aPortOfAnotherCloudNeedsATunnelNetwork() {
        final var lport = new LportBuilder().setId(new ResourceId("p")).setNetwork(new ResourceId("n"))
            .setBinding(new BindingProfileBuilder().setBindingProfile(new org.opendaylight.yang.gen.v1.urn
                .opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.lport.binding.binding.profile
                .BindingProfileBuilder().setHostIp(IpAddressBuilder.getDefaultInstance("203.0.113.9")).build())
                .build()).build();
        assertTrue(ConfigValidator.validateLport(lport, Optional.of(network(Gre.class, 7L)), true).isEmpty());
        assertEquals(List.of("lport \"p\": binding-profile: network \"n\" is vlan; a port of another cloud needs"
            + " a gre, vxlan or geneve network"),
            ConfigValidator.validateLport(lport, Optional.of(network(Vlan.class, 7L)), true).items());
    }

    @Test
    public void aRouterReferencesExistingLports() {
        final var router = new RouterBuilder().setId(new ResourceId("r"))
            .setInterfaces(List.of(new ResourceId("i1"), new ResourceId("i2")))
            .setGatewayPort(new ResourceId("gw")).build();
        assertEquals(Set.of("i1", "i2", "gw"), ConfigValidator.referencedLports(router));
        assertEquals(List.of("router \"r\": interfaces: no lport \"i2\""),
            ConfigValidator.validateRouter(router, Set.of("i2")).items());
    }

    @Test
    public void aNetworkInUseNamesItsUsers() {
        final var lport = new LportBuilder().setId(new ResourceId("p")).setNetwork(new ResourceId("n")).build();
        assertEquals(List.of("network \"n\": id: still in use by lport \"p\"; delete those first"),
            ConfigValidator.networksInUse(Set.of("n"), List.of(lport), List.of()).items());
        assertTrue(ConfigValidator.networksInUse(Set.of("other"), List.of(lport), List.of()).isEmpty());
    }

    private static Network network(final Class<? extends NetworkType> type, final Long segmentationId) {
        return network(type, segmentationId, null);
    }

    private static Network network(final Class<? extends NetworkType> type, final Long segmentationId,
            final String physicalNetwork) {
        return network("n", type, segmentationId, physicalNetwork);
    }

    private static Network network(final String id, final Class<? extends NetworkType> type,
            final Long segmentationId, final String physicalNetwork) {
        return new NetworkBuilder().setId(new ResourceId(id)).setNetworkType(type)
            .setSegmentationId(segmentationId == null ? null : Uint32.valueOf(segmentationId))
            .setPhysicalNetwork(physicalNetwork == null ? null : new PhysicalNetworkName(physicalNetwork)).build();
    }

    @Test
    public void vlanAndFlatNetworksNameTheirPhysicalNetworkAndOthersDoNot() {
        assertTrue(ConfigValidator.validateNetwork(network(Vlan.class, 100L, "physnet1")).isEmpty());
        assertTrue(ConfigValidator.validateNetwork(network(Flat.class, null, "physnet1")).isEmpty());
        assertEquals(List.of("network \"n\": physical-network: is mandatory for vlan networks (the physical network"
            + " that carries it, as the nodes' bridge mappings name it)"),
            ConfigValidator.validateNetwork(network(Vlan.class, 100L, null)).items());
        assertEquals(List.of("network \"n\": physical-network: is mandatory for flat networks (the physical network"
            + " that carries it, as the nodes' bridge mappings name it)"),
            ConfigValidator.validateNetwork(network(Flat.class, null, null)).items());
        assertEquals(List.of("network \"n\": physical-network: vxlan networks have no physical network (only vlan"
            + " and flat networks do)"),
            ConfigValidator.validateNetwork(network(Vxlan.class, 100L, "physnet1")).items());
    }

    @Test
    public void aPhysicalNetworkCarriesOneFlatNetworkAndEachVlanOnce() {
        final List<Network> existing = List.of(network("flat1", Flat.class, null, "physnet1"),
            network("v100", Vlan.class, 100L, "physnet1"), network("vx100", Vxlan.class, 100L, null));
        assertEquals(List.of("network \"flat2\": physical-network: the flat network of physical network"
            + " \"physnet1\" is already network \"flat1\""),
            ProviderSegments.providerSegmentTaken(network("flat2", Flat.class, null, "physnet1"), existing).items());
        assertEquals(List.of("network \"v100b\": segmentation-id: vlan 100 of physical network \"physnet1\" is"
            + " already network \"v100\""),
            ProviderSegments.providerSegmentTaken(network("v100b", Vlan.class, 100L, "physnet1"), existing).items());
        // another physical network, another VLAN, the network itself (an update), a tunnel's key: all fine
        assertTrue(ProviderSegments.providerSegmentTaken(network("v", Vlan.class, 100L, "physnet2"), existing)
            .isEmpty());
        assertTrue(ProviderSegments.providerSegmentTaken(network("v", Vlan.class, 101L, "physnet1"), existing)
            .isEmpty());
        assertTrue(ProviderSegments.providerSegmentTaken(network("v100", Vlan.class, 100L, "physnet1"), existing)
            .isEmpty());
        assertEquals(List.of("network \"b\": physical-network: the flat network of physical network \"p\" is also"
            + " network \"a\" in this request"), ProviderSegments.duplicateProviderSegments(List.of(
                network("a", Flat.class, null, "p"), network("b", Flat.class, null, "p"))).items());
        assertTrue(ProviderSegments.duplicateProviderSegments(List.of(network("a", Vlan.class, 5L, "p"),
            network("b", Vlan.class, 6L, "p"))).isEmpty());
    }

    @Test
    public void anExplicitTunnelKeyMustNotBeAnotherLportsKey() {
        final var mine = new LportBuilder().setId(new ResourceId("p")).setTunnelKey(Uint32.valueOf(7)).build();
        final var same = new LportBuilder().setId(new ResourceId("p")).setTunnelKey(Uint32.valueOf(7)).build();
        final var other = new LportBuilder().setId(new ResourceId("q")).setTunnelKey(Uint32.valueOf(7)).build();
        final var unkeyed = new LportBuilder().setId(new ResourceId("r")).build();
        assertEquals(List.of("lport \"p\": tunnel-key: 7 is already the tunnel key of lport \"q\""),
            ConfigValidator.tunnelKeyTaken(mine, List.of(same, other, unkeyed)).items());
        assertTrue(ConfigValidator.tunnelKeyTaken(mine, List.of(same, unkeyed)).isEmpty());
        assertTrue(ConfigValidator.tunnelKeyTaken(unkeyed, List.of(other)).isEmpty());
    }

    @Test
    public void oneRequestMustNotGiveTwoLportsTheSameTunnelKey() {
        final var first = new LportBuilder().setId(new ResourceId("a")).setTunnelKey(Uint32.valueOf(9)).build();
        final var second = new LportBuilder().setId(new ResourceId("b")).setTunnelKey(Uint32.valueOf(9)).build();
        final var third = new LportBuilder().setId(new ResourceId("c")).setTunnelKey(Uint32.valueOf(10)).build();
        assertEquals(List.of("lport \"b\": tunnel-key: 9 is also given to lport \"a\" in this request"),
            ConfigValidator.duplicateTunnelKeys(List.of(first, second, third)).items());
        assertTrue(ConfigValidator.duplicateTunnelKeys(List.of(first, third)).isEmpty());
    }
}
