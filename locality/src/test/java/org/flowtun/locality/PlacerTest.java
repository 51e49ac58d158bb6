/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.util.List;
import java.util.Map;
import org.flowtun.impl.NetworkKind;
import org.junit.Test;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.ChassisBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.floating.ips.FloatingIpBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.TrunkBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.trunk.SubPortBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Locality;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.ResourceId;
import org.opendaylight.yangtools.yang.common.Uint16;

/** Placement by role, over a logical model built by hand: the rules of the README's locality list, one by one. */
public class PlacerTest {
    private final LogicalModel model = new LogicalModel();
    private final NetworkNeeds needs = new NetworkNeeds();
    private final Placer placer = new Placer(model, needs);
    /** Node A is chassis-a with vm plugged at ofport 7; node B is chassis-b with nothing plugged. */
    private final NodeInfo nodeA = new NodeInfo("a", "chassis-a", "openflow:1", Map.of("vm", 7L), Map.of("vxlan", 1L));
    private final NodeInfo nodeB = new NodeInfo("b", "chassis-b", "openflow:2", Map.of(), Map.of("vxlan", 1L));
    private final NetworkInfo network = new NetworkInfo("n", NetworkKind.VXLAN, 100);

    public PlacerTest() {
        model.chassisChanged("chassis-a", new ChassisBuilder().setId(new ResourceId("chassis-a"))
            .setIp(IpAddressBuilder.getDefaultInstance("10.0.0.1")).build());
        lport("vm", "chassis-a");
        // both nodes need n (each has a local lport on it), unless a test says otherwise
        needs.localAdded("a", "n");
        needs.localAdded("b", "n");
    }

    @Test
    public void anLportIsLocalWherePluggedAndRemoteElsewhere() {
        assertEquals(Locality.Local, place(nodeA, "vm"));
        assertEquals(Locality.Remote, place(nodeB, "vm"));
    }

    @Test
    public void anLportIsNothingOnANodeThatDoesNotNeedItsNetwork() {
        needs.localRemoved("b", "n");
        assertNull(place(nodeB, "vm"));
        assertEquals(Locality.Local, place(nodeA, "vm"));
    }

    @Test
    public void aRouterPortIsDistributedWhereItsNetworkIsNeeded() {
        model.routerChanged("r", new RouterBuilder().setId(new ResourceId("r"))
            .setInterfaces(List.of(new ResourceId("vm"))).build());
        assertEquals(Locality.Distributed, place(nodeA, "vm"));
        assertEquals(Locality.Distributed, place(nodeB, "vm"));
        needs.localRemoved("b", "n");
        assertNull(place(nodeB, "vm"));
    }

    @Test
    public void aFloatingIpFollowsItsLportAndHasNoLocalityUnassociated() {
        lport("fl", null);
        model.floatingIpChanged("f", new FloatingIpBuilder().setId(new ResourceId("f"))
            .setFloatingLport(new ResourceId("fl")).build());
        assertNull(place(nodeA, "fl"));
        model.floatingIpChanged("f", new FloatingIpBuilder().setId(new ResourceId("f"))
            .setFloatingLport(new ResourceId("fl")).setAssociatedLport(new ResourceId("vm")).build());
        assertEquals(Locality.Local, place(nodeA, "fl"));
        assertEquals(Locality.Remote, place(nodeB, "fl"));
    }

    @Test
    public void aFloatingIpOnATrunkSubPortFollowsTheChainToItsParentsBinding() {
        lport("sub", null);
        lport("fl", null);
        model.trunkChanged("t", new TrunkBuilder().setId(new ResourceId("t")).setParentLport(new ResourceId("vm"))
            .setSubPort(List.of(new SubPortBuilder().setLport(new ResourceId("sub"))
                .setSegmentationId(Uint16.valueOf(100)).build())).build());
        model.floatingIpChanged("f", new FloatingIpBuilder().setId(new ResourceId("f"))
            .setFloatingLport(new ResourceId("fl")).setAssociatedLport(new ResourceId("sub")).build());
        assertEquals(Locality.Local, place(nodeA, "sub"));
        assertEquals(Locality.Local, place(nodeA, "fl"));
        assertEquals(Locality.Remote, place(nodeB, "fl"));
        assertSame(model.lport("vm"), placer.bindingOf(model.lport("fl")));
    }

    @Test
    public void followersInACycleHaveNoBinding() {
        lport("x", null);
        lport("y", null);
        model.floatingIpChanged("f1", new FloatingIpBuilder().setId(new ResourceId("f1"))
            .setFloatingLport(new ResourceId("x")).setAssociatedLport(new ResourceId("y")).build());
        model.floatingIpChanged("f2", new FloatingIpBuilder().setId(new ResourceId("f2"))
            .setFloatingLport(new ResourceId("y")).setAssociatedLport(new ResourceId("x")).build());
        assertNull(placer.bindingOf(model.lport("x")));
        assertNull(place(nodeB, "x"));
    }

    private void lport(final String id, final String chassis) {
        model.lportChanged(id, new LportInfo(id, "n", null, chassis, null, "fa:16:3e:00:00:01"));
    }

    private Locality place(final NodeInfo node, final String lport) {
        return placer.place(node, model.lport(lport), network, 5, 1).locality();
    }
}
