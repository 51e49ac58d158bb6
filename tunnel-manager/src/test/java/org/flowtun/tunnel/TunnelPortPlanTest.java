/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.tunnel;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.flowtun.impl.NetworkKind;
import org.flowtun.impl.config.FlowtunConfig;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbPort;
import org.flowtun.impl.ovsdb.OvsdbSwitch;
import org.flowtun.tunnel.TunnelPortPlan.BridgeAction;
import org.junit.Test;

public class TunnelPortPlanTest {
    private static final String NODE = "ovsdb://uuid/1";
    private static final OvsdbSwitch SWITCH = new OvsdbSwitch(NODE, "chassis-1", "192.168.31.91", "10.0.0.10");

    @Test
    public void aNodeWithoutBridgeGetsOneWithOurController() {
        final TunnelPortPlan plan = TunnelPortPlan.compute(FlowtunConfig.DEFAULT, SWITCH, Optional.empty());
        assertEquals(BridgeAction.CREATE, plan.bridgeAction());
        assertEquals(Set.of("tcp:10.0.0.10:6653"), plan.controllerTargets());
        assertTrue("ports wait for the bridge", plan.portsToWrite().isEmpty());
    }

    @Test
    public void anEmptyBridgeGetsOnePortPerConfiguredType() {
        final TunnelPortPlan plan = TunnelPortPlan.compute(FlowtunConfig.DEFAULT, SWITCH,
            Optional.of(bridge(Set.of("tcp:10.0.0.10:6653"), Map.of())));
        assertEquals(BridgeAction.NONE, plan.bridgeAction());
        assertEquals(List.of(new TunnelPortSpec(NetworkKind.VXLAN, "192.168.31.91"),
            new TunnelPortSpec(NetworkKind.GRE, "192.168.31.91"), new TunnelPortSpec(NetworkKind.GENEVE,
                "192.168.31.91")), plan.portsToWrite());
        assertEquals(Map.of("key", "flow", "local_ip", "192.168.31.91", "remote_ip", "flow"),
            plan.portsToWrite().get(0).options());
        assertEquals("vxlan-tunnel-port", plan.portsToWrite().get(0).name());
    }

    @Test
    public void aBridgeThatMatchesNeedsNothing() {
        final Map<String, OvsdbPort> ports = new HashMap<>();
        for (NetworkKind kind : List.of(NetworkKind.VXLAN, NetworkKind.GRE, NetworkKind.GENEVE)) {
            ports.put(kind.yangName() + "-tunnel-port", tunnel(kind.yangName(), "192.168.31.91"));
        }
        ports.put("tap1", new OvsdbPort("tap1", "", Map.of(), Map.of("iface-id", "p1"), 7));
        assertTrue(TunnelPortPlan.compute(FlowtunConfig.DEFAULT, SWITCH,
            Optional.of(bridge(Set.of("tcp:10.0.0.10:6653"), ports))).isEmpty());
    }

    @Test
    public void unconfiguredFlowTunnelPortsGoAndOtherPortsStay() {
        final FlowtunConfig vxlanOnly = FlowtunConfig.parse(Map.of("tunnel-types", "vxlan"));
        final OvsdbPort geneve = tunnel("geneve", "192.168.31.91");
        final OvsdbPort fixedGre = new OvsdbPort("gre-to-b", "gre", Map.of("remote_ip", "10.1.1.1"), Map.of(), 9);
        final TunnelPortPlan plan = TunnelPortPlan.compute(vxlanOnly, SWITCH, Optional.of(bridge(
            Set.of("tcp:10.0.0.10:6653"), Map.of("vxlan-tunnel-port", tunnel("vxlan", "192.168.31.91"),
                "geneve-tunnel-port", geneve, "gre-to-b", fixedGre))));
        assertEquals(List.of(geneve), plan.portsToRemove());
        assertTrue(plan.portsToWrite().isEmpty());
    }

    @Test
    public void aNewLocalIpRewritesThePorts() {
        final TunnelPortPlan plan = TunnelPortPlan.compute(FlowtunConfig.parse(Map.of("tunnel-types", "gre")),
            SWITCH, Optional.of(bridge(Set.of("tcp:10.0.0.10:6653"),
                Map.of("gre-tunnel-port", tunnel("gre", "192.168.31.1")))));
        assertEquals(List.of(new TunnelPortSpec(NetworkKind.GRE, "192.168.31.91")), plan.portsToWrite());
    }

    @Test
    public void anExistingBridgeGetsOurControllerAndLosesEveryOther() {
        final TunnelPortPlan plan = TunnelPortPlan.compute(FlowtunConfig.DEFAULT, SWITCH,
            Optional.of(bridge(Set.of("unix:/run/of.sock", "tcp:10.0.0.10:6653"), Map.of())));
        assertEquals(BridgeAction.SET_CONTROLLERS, plan.bridgeAction());
        assertEquals(Set.of("tcp:10.0.0.10:6653"), plan.controllerTargets());
        assertEquals(Set.of("unix:/run/of.sock"), plan.controllersToRemove());
    }

    @Test
    public void aChangedTargetReplacesTheEarlierOneAndTheDefaultComesBack() {
        final TunnelPortPlan changed = TunnelPortPlan.compute(FlowtunConfig.parse(Map.of("controller-target",
            "tcp:192.0.2.1:6653")), SWITCH, Optional.of(bridge(Set.of("tcp:10.0.0.10:6653"), Map.of())));
        assertEquals(Set.of("tcp:192.0.2.1:6653"), changed.controllerTargets());
        assertEquals(Set.of("tcp:10.0.0.10:6653"), changed.controllersToRemove());
        final TunnelPortPlan back = TunnelPortPlan.compute(FlowtunConfig.DEFAULT, SWITCH,
            Optional.of(bridge(Set.of("tcp:192.0.2.1:6653"), Map.of())));
        assertEquals(Set.of("tcp:10.0.0.10:6653"), back.controllerTargets());
        assertEquals(Set.of("tcp:192.0.2.1:6653"), back.controllersToRemove());
        final TunnelPortPlan same = TunnelPortPlan.compute(FlowtunConfig.DEFAULT, SWITCH,
            Optional.of(bridge(Set.of("tcp:10.0.0.10:6653"), Map.of())));
        assertEquals(BridgeAction.NONE, same.bridgeAction());
        assertEquals(Set.of(), same.controllersToRemove());
    }

    @Test
    public void theConfiguredControllerTargetWins() {
        assertEquals(Set.of("tcp:192.0.2.1:6653"), TunnelPortPlan.targetsFor(
            FlowtunConfig.parse(Map.of("controller-target", "tcp:192.0.2.1:6653")), SWITCH));
    }

    @Test
    public void aBridgeTheSwitchListsIsNotCreatedAgainBeforeItsNodeIsHeard() {
        final OvsdbSwitch listing = new OvsdbSwitch(NODE, "chassis-1", "192.168.31.91", "10.0.0.10",
            Set.of(NODE + "/bridge/br-int"));
        final TunnelPortPlan plan = TunnelPortPlan.compute(FlowtunConfig.DEFAULT, listing, Optional.empty());
        assertEquals(BridgeAction.NONE, plan.bridgeAction());
        assertEquals(Set.of(), plan.controllerTargets());
        // another bridge listed: br-int is still flowtun's to create
        assertEquals(BridgeAction.CREATE, TunnelPortPlan.compute(FlowtunConfig.DEFAULT, new OvsdbSwitch(NODE,
            "chassis-1", "192.168.31.91", "10.0.0.10", Set.of(NODE + "/bridge/br-ex")), Optional.empty())
            .bridgeAction());
    }

    @Test
    public void everyMemberOfAClusterBecomesAController() {
        final FlowtunConfig cluster = FlowtunConfig.parse(Map.of("controller-target",
            "tcp:10.0.0.1:6653, tcp:10.0.0.2:6653,tcp:10.0.0.3:6653"));
        final Set<String> members = Set.of("tcp:10.0.0.1:6653", "tcp:10.0.0.2:6653", "tcp:10.0.0.3:6653");
        assertEquals(members, TunnelPortPlan.targetsFor(cluster, SWITCH));
        final TunnelPortPlan created = TunnelPortPlan.compute(cluster, SWITCH, Optional.empty());
        assertEquals(members, created.controllerTargets());
        // a bridge with one member's target (the single controller before) gets the other two, loses nothing
        final TunnelPortPlan grown = TunnelPortPlan.compute(cluster, SWITCH,
            Optional.of(bridge(Set.of("tcp:10.0.0.1:6653"), Map.of())));
        assertEquals(BridgeAction.SET_CONTROLLERS, grown.bridgeAction());
        assertEquals(members, grown.controllerTargets());
        assertEquals(Set.of(), grown.controllersToRemove());
        assertEquals(BridgeAction.NONE, TunnelPortPlan.compute(cluster, SWITCH,
            Optional.of(bridge(members, Map.of()))).bridgeAction());
    }

    @Test
    public void withoutLocalIpNoTunnelPortIsWritten() {
        final OvsdbSwitch noIp = new OvsdbSwitch(NODE, "chassis-1", null, "10.0.0.10");
        assertTrue(TunnelPortPlan.compute(FlowtunConfig.DEFAULT, noIp,
            Optional.of(bridge(Set.of("tcp:10.0.0.10:6653"), Map.of()))).isEmpty());
    }

    private static OvsdbPort tunnel(final String type, final String localIp) {
        return new OvsdbPort(type + "-tunnel-port", type, Map.of("key", "flow", "local_ip", localIp, "remote_ip",
            "flow"), Map.of(), 3);
    }

    private static OvsdbBridge bridge(final Set<String> controllers, final Map<String, OvsdbPort> ports) {
        return new OvsdbBridge(NODE + "/bridge/br-int", NODE, "br-int", controllers, null, Map.of(), ports);
    }
}
