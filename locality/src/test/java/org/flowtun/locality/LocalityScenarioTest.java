/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.flowtun.impl.NetworkKind;
import org.flowtun.impl.flow.FlowApp;
import org.flowtun.impl.flow.Pipeline;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.ChassisRegistry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.Chassis;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.ChassisBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.chassis.rev261122.chassis.registry.ChassisKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.keys.rev261122.KeyAllocations;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.FloatingIps;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.floating.ips.FloatingIp;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.floating.ips.FloatingIpBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.floating.ips.FloatingIpKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.routers.RouterKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.Lports;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.Lport;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.LportBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.LportKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.lport.binding.BindingProfileBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.Networks;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.PhysicalNetworkName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.Network;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.NetworkBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.networks.NetworkKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.LportStates;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.lport.states.LportState;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.lport.states.LportStateKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.Trunks;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.Trunk;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.TrunkBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.TrunkKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.trunk.rev261122.trunks.trunk.SubPortBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.ResourceId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Vlan;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Vxlan;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The locality service as a whole, between the unit tests of its parts and the Pax Exam tests on real switches:
 * scenarios over MD-SAL's in-memory data broker with switches that take every flow ({@link LocalityFixture}). Each
 * asserts what a user sees: the locality events, and every switch holding exactly the flows flowtun wants there.
 */
public class LocalityScenarioTest extends AbstractConcurrentDataBrokerTest {
    private LocalityFixture fixture;

    public LocalityScenarioTest() {
        super(true);
    }

    @Before
    public void setUp() {
        fixture = new LocalityFixture(getDataBroker(),
            getDataBrokerTestCustomizer().createNotificationPublishService(), LocalityFixture.quietConfig());
    }

    @After
    public void tearDown() {
        fixture.close();
    }

    @Test
    public void aPortIsLocalWhereItIsPluggedAndRemoteElsewhere() throws Exception {
        fixture.start();
        twoConnectedNodes();
        network("n1", 100);
        boundPort("a", "n1", 1, "fa:16:3e:00:00:0a");
        boundPort("b", "n1", 2, "fa:16:3e:00:00:0b");
        fixture.plug(1, "a", 10);
        fixture.plug(2, "b", 10);
        awaitEvents("a", 1, "local-created");
        awaitEvents("a", 2, "remote-created");
        awaitEvents("b", 2, "local-created");
        awaitEvents("b", 1, "remote-created");
        fixture.awaitExact(1);
        fixture.awaitExact(2);
        assertEquals(java.util.Set.of("lport:a", "lport:b", "network:n1"), fixture.ownersOn(1));

        // unplugged and deleted: gone from both nodes; node 1, with no local port on n1 left, needs n1 no more
        fixture.unplug(1, "a");
        fixture.delete(lportPath("a"));
        awaitEvents("a", 1, "local-created", "local-deleted");
        awaitEvents("a", 2, "remote-created", "remote-deleted");
        awaitEvents("b", 1, "remote-created", "remote-deleted");
        fixture.awaitNothingOn(1);
        fixture.awaitExact(2);
        assertFalse(fixture.ownersOn(2).contains("lport:a"));
    }

    @Test
    public void aVlanNetworksRemotePortsAreRemoteOnlyWhereItsPhysicalNetworkIsMapped() throws Exception {
        fixture.start();
        twoConnectedNodes();
        fixture.mapPhysicalNetwork(1, "physnet1", 7);
        fixture.put(InstanceIdentifier.create(Networks.class).child(Network.class,
            new NetworkKey(new ResourceId("pv"))), new NetworkBuilder().setId(new ResourceId("pv"))
                .setNetworkType(Vlan.class).setSegmentationId(Uint32.valueOf(100))
                .setPhysicalNetwork(new PhysicalNetworkName("physnet1")).build());
        boundPort("a", "pv", 1, "fa:16:3e:00:00:0a");
        boundPort("b", "pv", 2, "fa:16:3e:00:00:0b");
        fixture.plug(1, "a", 10);
        fixture.plug(2, "b", 10);
        // node 1 reaches physnet1: b is remote there once its egress flow through the patch port is on the switch
        awaitEvents("b", 1, "remote-created");
        awaitEvents("a", 1, "local-created");
        awaitEvents("b", 2, "local-created");
        fixture.awaitExact(1);
        fixture.awaitExact(2);
        final NetworkInfo pv = new NetworkInfo("pv", NetworkKind.VLAN, 100, "physnet1");
        assertTrue(fixture.flowsOn(1).contains(ProviderApp.egressFlow(tunnelKey("b"), pv, 7)));
        // node 2 does not: a has no locality there, and no provider flow is on it
        assertEquals(List.of(), fixture.eventsOf("a", 2));
        assertTrue(fixture.flowsOn(2).stream().noneMatch(flow -> flow.app() == FlowApp.PROVIDER));

        fixture.mapPhysicalNetwork(2, "physnet1", 8);
        awaitEvents("a", 2, "remote-created");
        fixture.awaitExact(2);
        assertTrue(fixture.flowsOn(2).contains(ProviderApp.egressFlow(tunnelKey("a"), pv, 8)));

        fixture.unmapPhysicalNetwork(1, "physnet1");
        awaitEvents("b", 1, "remote-created", "remote-deleted");
        fixture.awaitExact(1);
        assertTrue(fixture.flowsOn(1).stream().noneMatch(flow -> flow.app() == FlowApp.PROVIDER));
    }

    @Test
    public void metricsShowWhatTheServiceHoldsAndTimeAWriteUntilItsFlowsAreOnTheSwitch() throws Exception {
        fixture.start();
        twoConnectedNodes();
        network("n1", 100);
        boundPort("a", "n1", 1, "fa:16:3e:00:00:0a");
        fixture.plug(1, "a", 10);
        awaitEvents("a", 1, "local-created");
        fixture.awaitExact(1);
        final String node1 = LocalityFixture.nodeId(1);
        final double convergedBefore = sampleOr0("flowtun_flow_convergence_seconds_count");
        // node 1 needs n1 now: an lport bound to chassis 2 is remote there, its flows set by this write alone
        boundPort("r", "n1", 2, "fa:16:3e:00:00:0b");
        awaitEvents("r", 1, "remote-created");
        fixture.awaitExact(1);
        assertTrue("the write's flows on node 1 were timed",
            fixture.metrics.sample("flowtun_flow_convergence_seconds_count") > convergedBefore);
        assertEquals(2, fixture.metrics.sample("flowtun_lports"), 0);
        assertEquals(1, fixture.metrics.sample("flowtun_networks"), 0);
        assertEquals(2, fixture.metrics.sample("flowtun_nodes"), 0);
        final double wanted = fixture.metrics.sample("flowtun_switch_flows_wanted", "node", node1);
        assertTrue(wanted > 0);
        assertEquals(wanted, fixture.metrics.sample("flowtun_switch_flows_confirmed", "node", node1), 0);
        assertEquals(0, fixture.metrics.sample("flowtun_switch_flows_missing", "node", node1), 0);
        assertEquals(0, fixture.metrics.sample("flowtun_switch_flows_stale", "node", node1), 0);
        assertEquals(1, fixture.metrics.sample("flowtun_switch_connected", "node", node1), 0);
        assertTrue(fixture.metrics.sample("flowtun_locality_batch_lports_count") > 0);
    }

    private double sampleOr0(final String name) {
        final Double value = fixture.metrics.sample(name);
        return value == null ? 0 : value;
    }

    @Test
    public void aSwitchConnectedBeforeTheStateIsReadIsMadeExactInOneReplacement() throws Exception {
        // the datastore and the switch as a restarted controller finds them: the switch holds a stale flow
        chassis(1);
        network("n1", 100);
        boundPort("a", "n1", 1, "fa:16:3e:00:00:0a");
        remotePort("far", "n1", "192.0.2.9");
        fixture.ofSwitches.add(LocalityFixture.openflowId(1), L2App.remotePortFlows(999, 999, "fa:16:3e:00:09:99")
            .get(0));
        fixture.addNode(1);
        fixture.plug(1, "a", 10);
        fixture.connect(1);
        fixture.start();
        awaitEvents("a", 1, "local-created");
        awaitEvents("far", 1, "remote-created");
        fixture.awaitExact(1);
        assertEquals("one replacement, nothing placed before the state was read", 1,
            fixture.ofSwitches.replacements.get());

        // a second switch connecting after the state was read: the same
        chassis(2);
        boundPort("b", "n1", 2, "fa:16:3e:00:00:0b");
        fixture.addNode(2);
        fixture.plug(2, "b", 10);
        fixture.connect(2);
        awaitEvents("a", 2, "remote-created");
        fixture.awaitExact(2);
        assertEquals(2, fixture.ofSwitches.replacements.get());
    }

    @Test
    public void aClusterMembersNewTermKeepsTheFlowsASealedSwitchHoldsAndSendsOnlyWhatChanged() throws Exception {
        fixture.sealSwitches = true;
        chassis(1);
        network("n1", 100);
        boundPort("a", "n1", 1, "fa:16:3e:00:00:0a");
        for (int i = 0; i < 50; i++) {
            remotePort("far" + i, "n1", "192.0.2." + (10 + i));
        }
        fixture.addNode(1);
        fixture.plug(1, "a", 10);
        fixture.connect(1);
        fixture.start();
        fixture.awaitExact(1);
        final String switch1 = LocalityFixture.openflowId(1);
        LocalityFixture.await("the switch sealed", () -> fixture.ofSwitches.sealCount(switch1) == Pipeline.SEALS,
            () -> fixture.ofSwitches.sealCount(switch1) + " seals");
        assertEquals(1, fixture.ofSwitches.replacements.get());

        // the jobs move to another member (a new term), and an lport comes while none runs them
        fixture.stop();
        remotePort("late", "n1", "192.0.2.99");
        final long addsBefore = fixture.ofSwitches.flowAdds.get();
        fixture.start();
        awaitEvents("late", 1, "remote-created");
        fixture.awaitExact(1);
        assertEquals("the sealed switch is not replaced", 1, fixture.ofSwitches.replacements.get());
        final long resent = fixture.ofSwitches.flowAdds.get() - addsBefore;
        assertTrue(resent + " flows sent again of " + fixture.ofSwitches.flows(switch1).size(),
            resent > 0 && resent < fixture.ofSwitches.flows(switch1).size() / 4);
    }

    @Test
    public void anExplicitTunnelKeyDisplacesTheLportThatHadIt() throws Exception {
        fixture.start();
        twoConnectedNodes();
        network("n1", 100);
        localPresence(1, "n1");
        localPresence(2, "n1");
        remotePort("p1", "n1", "192.0.2.1");
        awaitEvents("p1", 1, "remote-created");
        final long key = tunnelKey("p1");
        fixture.put(lportPath("p2"), lport("p2", "n1").setTunnelKey(Uint32.valueOf(key))
            .setBinding(new BindingProfileBuilder().setBindingProfile(new org.opendaylight.yang.gen.v1.urn.opendaylight
                .params.xml.ns.yang.flowtun.lport.rev261122.lports.lport.binding.binding.profile
                .BindingProfileBuilder().setHostIp(IpAddressBuilder.getDefaultInstance("192.0.2.2")).build())
                .build()).build());
        awaitEvents("p2", 1, "remote-created");
        LocalityFixture.await("p1 re-keyed", () -> tunnelKeyOrZero("p1") != key && tunnelKeyOrZero("p1") != 0,
            () -> tunnelKeyOrZero("p1"));
        assertEquals(key, tunnelKey("p2"));
        assertNotEquals(key, tunnelKey("p1"));
        fixture.awaitExact(1);
        fixture.awaitExact(2);
    }

    @Test
    public void aFloatingIpOnATrunkSubPortFollowsTheChainWhenTheParentMoves() throws Exception {
        fixture.start();
        twoConnectedNodes();
        network("n1", 100);
        network("n2", 200);
        boundPort("vm", "n1", 1, "fa:16:3e:00:00:01");
        fixture.put(lportPath("sub"), lport("sub", "n2").setMacAddress(new MacAddress("fa:16:3e:00:00:02")).build());
        fixture.put(lportPath("fl"), lport("fl", "n2").setMacAddress(new MacAddress("fa:16:3e:00:00:03")).build());
        fixture.put(InstanceIdentifier.create(Trunks.class).child(Trunk.class, new TrunkKey(new ResourceId("t"))),
            new TrunkBuilder().setId(new ResourceId("t")).setParentLport(new ResourceId("vm"))
                .setSubPort(List.of(new SubPortBuilder().setLport(new ResourceId("sub"))
                    .setSegmentationId(Uint16.valueOf(100)).build())).build());
        fixture.put(InstanceIdentifier.create(FloatingIps.class).child(FloatingIp.class,
            new FloatingIpKey(new ResourceId("f"))), new FloatingIpBuilder().setId(new ResourceId("f"))
                .setFloatingLport(new ResourceId("fl")).setAssociatedLport(new ResourceId("sub")).build());
        fixture.plug(1, "vm", 10);
        // both nodes need both networks through ports of their own, so that the chain is remote where not local
        localPresence(1, "n1");
        localPresence(1, "n2");
        localPresence(2, "n1");
        localPresence(2, "n2");
        for (String lport : List.of("vm", "sub", "fl")) {
            awaitEvents(lport, 1, "local-created");
            awaitEvents(lport, 2, "remote-created");
        }
        fixture.awaitExact(1);
        fixture.awaitExact(2);
        // the floating IP's traffic is translated and delivered tagged, as the sub-port's own
        assertTrue(fixture.flowsOn(1).toString(), fixture.flowsOn(1).stream().anyMatch(flow ->
            flow.table() == Pipeline.INGRESS_DISPATCH && flow.toString().contains(",ip,")
                && flow.toString().contains("set_field:fa:16:3e:00:00:02->eth_dst,push_vlan:0x8100,")
                && flow.toString().contains("->vlan_vid,output:10")));

        // the parent moves to node 2: the sub-port, and the floating IP following it, move with it
        boundPort("vm", "n1", 2, "fa:16:3e:00:00:01");
        fixture.plugAll(1, List.of());
        fixture.plug(2, "vm", 10);
        for (String lport : List.of("vm", "sub", "fl")) {
            awaitEvents(lport, 1, "local-created", "local-deleted", "remote-created");
            awaitEvents(lport, 2, "remote-created", "remote-deleted", "local-created");
        }
        fixture.awaitExact(1);
        fixture.awaitExact(2);
    }

    @Test
    public void aSwitchThatReconnectsAtOnceIsMadeExactAgain() throws Exception {
        fixture.start();
        twoConnectedNodes();
        network("n1", 100);
        boundPort("a", "n1", 1, "fa:16:3e:00:00:0a");
        fixture.plug(1, "a", 10);
        awaitEvents("a", 1, "local-created");
        fixture.awaitExact(1);
        final long replacements = fixture.ofSwitches.replacements.get();
        fixture.restartSwitch(1);
        LocalityFixture.await("a replacement", () -> fixture.ofSwitches.replacements.get() > replacements,
            fixture.ofSwitches.replacements::get);
        fixture.awaitExact(1);
        assertFalse(fixture.flowsOn(1).isEmpty());
        assertEquals("no event: nothing changed for the lport", List.of("local-created"), fixture.eventsOf("a", 1));
    }

    @Test
    public void lportsDeletedWhileTheControllerWasDownLoseTheirKeysAndFlows() throws Exception {
        fixture.start();
        twoConnectedNodes();
        network("n1", 100);
        localPresence(1, "n1");
        remotePort("gone", "n1", "192.0.2.7");
        remotePort("kept", "n1", "192.0.2.8");
        awaitEvents("gone", 1, "remote-created");
        awaitEvents("kept", 1, "remote-created");
        LocalityFixture.await("keys saved", () -> allocatedLports().containsAll(List.of("gone", "kept")),
            this::allocatedLports);
        final long kept = tunnelKey("kept");
        fixture.stop();
        fixture.delete(lportPath("gone"));
        fixture.start();
        fixture.awaitExact(1);
        LocalityFixture.await("gone's key released", () -> !allocatedLports().contains("gone"),
            this::allocatedLports);
        assertFalse(fixture.ownersOn(1).contains("lport:gone"));
        assertTrue(fixture.ownersOn(1).contains("lport:kept"));
        assertEquals("a restart keeps the keys", kept, tunnelKey("kept"));
    }

    @Test
    public void aNodeHoldsANetworkOnlyWhileItHasALocalPortOnIt() throws Exception {
        fixture.start();
        for (int node = 1; node <= 3; node++) {
            chassis(node);
            fixture.addNode(node);
            fixture.connect(node);
        }
        network("n1", 100);
        boundPort("a", "n1", 1, "fa:16:3e:00:00:0a");
        boundPort("b", "n1", 2, "fa:16:3e:00:00:0b");
        remotePort("far", "n1", "192.0.2.9");
        fixture.plug(1, "a", 10);
        fixture.plug(2, "b", 10);
        awaitEvents("a", 2, "remote-created");
        awaitEvents("far", 1, "remote-created");
        fixture.awaitExact(1);
        fixture.awaitExact(2);
        fixture.awaitNothingOn(3);
        assertEquals("node 3 hears nothing of n1", List.of(), fixture.eventsOf("a", 3));
        assertEquals(List.of(), fixture.eventsOf("far", 3));

        // a first local lport on node 3 brings n1 there: its remote lports get their flows, then their events
        boundPort("c", "n1", 3, "fa:16:3e:00:00:0c");
        fixture.plug(3, "c", 10);
        awaitEvents("c", 3, "local-created");
        for (String remote : List.of("a", "b", "far")) {
            awaitEvents(remote, 3, "remote-created");
        }
        fixture.awaitExact(3);
        assertEquals(java.util.Set.of("lport:a", "lport:b", "lport:far", "lport:c", "network:n1"),
            fixture.ownersOn(3));

        // its removal takes them away again
        fixture.unplug(3, "c");
        for (String remote : List.of("a", "b", "far")) {
            awaitEvents(remote, 3, "remote-created", "remote-deleted");
        }
        awaitEvents("c", 3, "local-created", "local-deleted");
        fixture.awaitNothingOn(3);
        fixture.awaitExact(1);
    }

    @Test
    public void aRouterExtendsTheNeedToTheNetworksItConnects() throws Exception {
        fixture.start();
        twoConnectedNodes();
        network("n1", 100);
        network("n2", 200);
        boundPort("a", "n1", 1, "fa:16:3e:00:00:0a");
        boundPort("b", "n2", 2, "fa:16:3e:00:00:0b");
        fixture.put(lportPath("r-n1"), lport("r-n1", "n1").setMacAddress(new MacAddress("fa:16:3e:00:01:01")).build());
        fixture.put(lportPath("r-n2"), lport("r-n2", "n2").setMacAddress(new MacAddress("fa:16:3e:00:01:02")).build());
        fixture.plug(1, "a", 10);
        fixture.plug(2, "b", 10);
        awaitEvents("a", 1, "local-created");
        awaitEvents("b", 2, "local-created");
        fixture.awaitExact(1);
        assertEquals("without a router, node 1 holds only n1", java.util.Set.of("lport:a", "network:n1"),
            fixture.ownersOn(1));

        // a router between n1 and n2: each node needs the other's network too
        router("r", "r-n1", "r-n2");
        awaitEvents("b", 1, "remote-created");
        awaitEvents("a", 2, "remote-created");
        awaitEvents("r-n2", 1, "distributed-created");
        awaitEvents("r-n1", 2, "distributed-created");
        fixture.awaitExact(1);
        fixture.awaitExact(2);
        assertTrue(fixture.ownersOn(1).contains("lport:b"));

        // the router loses its interface on n2: the need shrinks back
        router("r", "r-n1");
        awaitEvents("b", 1, "remote-created", "remote-deleted");
        awaitEvents("a", 2, "remote-created", "remote-deleted");
        awaitEvents("r-n2", 1, "distributed-created", "distributed-deleted");
        fixture.awaitExact(1);
        fixture.awaitExact(2);
        assertEquals(java.util.Set.of("lport:a", "network:n1"), fixture.ownersOn(1));
        assertEquals("r-n1 stays distributed where n1 is needed", List.of("distributed-created"),
            fixture.eventsOf("r-n1", 1));
    }

    private void router(final String id, final String... interfaces) throws Exception {
        fixture.put(InstanceIdentifier.create(Routers.class).child(Router.class, new RouterKey(new ResourceId(id))),
            new RouterBuilder().setId(new ResourceId(id)).setInterfaces(java.util.Arrays.stream(interfaces)
                .map(ResourceId::new).collect(java.util.stream.Collectors.toList())).build());
    }

    /** A VM of the network bound to and plugged on the node, so that the node needs the network. */
    private void localPresence(final int node, final String network) throws Exception {
        final String id = "presence-" + node + "-" + network;
        boundPort(id, network, node, String.format(java.util.Locale.ROOT, "fa:16:3e:00:%02x:%02x", node,
            network.hashCode() & 0xff));
        fixture.plug(node, id, 50 + network.hashCode() % 10);
        awaitEvents(id, node, "local-created");
    }

    private void twoConnectedNodes() throws Exception {
        for (int node = 1; node <= 2; node++) {
            chassis(node);
            fixture.addNode(node);
            fixture.connect(node);
        }
    }

    private void chassis(final int node) throws Exception {
        final String id = LocalityFixture.chassisId(node);
        fixture.put(InstanceIdentifier.create(ChassisRegistry.class).child(Chassis.class,
            new ChassisKey(new ResourceId(id))), new ChassisBuilder().setId(new ResourceId(id))
                .setIp(IpAddressBuilder.getDefaultInstance(LocalityFixture.ip(node)))
                .setTunnelTypes(List.of(Vxlan.class)).build());
    }

    private void network(final String id, final long segmentationId) throws Exception {
        fixture.put(InstanceIdentifier.create(Networks.class).child(Network.class, new NetworkKey(new ResourceId(id))),
            new NetworkBuilder().setId(new ResourceId(id)).setNetworkType(Vxlan.class)
                .setSegmentationId(Uint32.valueOf(segmentationId)).build());
    }

    private void boundPort(final String id, final String network, final int node, final String mac)
            throws Exception {
        fixture.put(lportPath(id), lport(id, network).setMacAddress(new MacAddress(mac))
            .setBinding(new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122
                .lports.lport.binding.ChassisBuilder().setChassis(new ResourceId(LocalityFixture.chassisId(node)))
                .build()).build());
    }

    private void remotePort(final String id, final String network, final String hostIp) throws Exception {
        fixture.put(lportPath(id), lport(id, network).setBinding(new BindingProfileBuilder().setBindingProfile(
            new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.lport.rev261122.lports.lport
                .binding.binding.profile.BindingProfileBuilder().setHostIp(IpAddressBuilder.getDefaultInstance(hostIp))
                .build()).build()).build());
    }

    private static LportBuilder lport(final String id, final String network) {
        return new LportBuilder().setId(new ResourceId(id)).setNetwork(new ResourceId(network));
    }

    private static InstanceIdentifier<Lport> lportPath(final String id) {
        return InstanceIdentifier.create(Lports.class).child(Lport.class, new LportKey(new ResourceId(id)));
    }

    private void awaitEvents(final String lport, final int node, final String... events) throws Exception {
        final List<String> expected = List.of(events);
        LocalityFixture.await(lport + " on node " + node + ": " + expected,
            () -> fixture.eventsOf(lport, node).equals(expected), () -> fixture.eventsOf(lport, node));
    }

    /** The lport's tunnel key as flowtun publishes it (waits until it is published). */
    private long tunnelKey(final String lport) throws Exception {
        LocalityFixture.await(lport + "'s tunnel key published", () -> tunnelKeyOrZero(lport) != 0,
            () -> tunnelKeyOrZero(lport));
        return tunnelKeyOrZero(lport);
    }

    private long tunnelKeyOrZero(final String lport) {
        try (ReadTransaction tx = getDataBroker().newReadOnlyTransaction()) {
            final Optional<LportState> state = tx.read(LogicalDatastoreType.OPERATIONAL, InstanceIdentifier
                .create(LportStates.class).child(LportState.class, new LportStateKey(lport)))
                .get(10, TimeUnit.SECONDS);
            return state.map(LportState::getTunnelKey).map(Uint32::toJava).orElse(0L);
        } catch (InterruptedException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> allocatedLports() {
        try (ReadTransaction tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(KeyAllocations.class))
                .get(10, TimeUnit.SECONDS).map(KeyStore::lportKeys).map(Map::keySet).map(List::copyOf)
                .orElse(List.of());
        } catch (InterruptedException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
