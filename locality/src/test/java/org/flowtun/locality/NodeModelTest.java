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
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flowtun.api.TunnelPort;
import org.flowtun.impl.config.FlowtunConfig;
import org.flowtun.impl.flow.FlowReconciler;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbPort;
import org.flowtun.impl.ovsdb.OvsdbSwitch;
import org.junit.After;
import org.junit.Test;

/** The node model: what OVSDB reports folded into nodes, what placement must redo, and the switch's connection. */
public class NodeModelTest {
    private static final String NODE = "ovsdb://uuid/n1";
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final FakeSwitches switches = new FakeSwitches();
    private final FlowReconciler<LocalityFlowOwner> reconciler = new FlowReconciler<>(switches, executor,
        (node, owner) -> { });
    private final NodeModel nodes = new NodeModel(executor, reconciler, () -> { });

    @After
    public void tearDown() {
        executor.shutdownNow();
    }

    @Test
    public void aNodeJoinsChangesAndLeaves() throws Exception {
        on(() -> nodes.configurationChanged(FlowtunConfig.DEFAULT));
        final NodeModel.Change joined = on(() -> nodes.switchUpdated(new OvsdbSwitch(NODE, "chassis-1", "10.0.0.1",
            "127.0.0.1")));
        assertTrue(joined.joined());
        assertTrue("a new node has every lport placed", joined.affectsEveryLport());

        on(() -> nodes.bridgeUpdated(bridge(Map.of("vm1", 7L))));
        final NodeModel.Change plugged = on(() -> nodes.bridgeUpdated(bridge(Map.of("vm1", 7L, "vm2", 8L))));
        assertFalse(plugged.affectsEveryLport());
        assertEquals(Set.of("vm2"), plugged.movedLports());
        assertEquals(Long.valueOf(8), on(() -> nodes.node(NODE).vmPort("vm2")));
        assertEquals("openflow:1", on(() -> nodes.node(NODE).openflowNodeId()));

        final NodeModel.Change tunnel = on(() -> nodes.tunnelPortChanged(null,
            new TunnelPort(NODE, "vxlan", "vxlan-tunnel-port", 3)));
        assertTrue("a tunnel port changes every remote lport's flow", tunnel.affectsEveryLport());

        assertTrue(on(() -> nodes.switchRemoved(NODE)).left());
        assertNull(on(() -> nodes.node(NODE)));
        assertFalse(on(() -> reconciler.nodes()).contains(NODE));
    }

    @Test
    public void theSwitchIsMadeExactOnceConnectedWithItsTunnelPortsAndAgainWhenItReconnects() throws Exception {
        final FlowtunConfig vxlanOnly = FlowtunConfig.parse(Map.of(FlowtunConfig.TUNNEL_TYPES, "vxlan"));
        on(() -> nodes.configurationChanged(vxlanOnly));
        on(() -> nodes.switchUpdated(new OvsdbSwitch(NODE, "chassis-1", "10.0.0.1", "127.0.0.1")));
        on(() -> nodes.bridgeUpdated(bridge(Map.of())));
        on(() -> nodes.openflowConnected("openflow:1"));
        on(() -> nodes.updateConnections(vxlanOnly));
        assertNull("not before its tunnel ports are known", on(() -> reconciler.openflowNodeId(NODE)));

        on(() -> nodes.tunnelPortChanged(null, new TunnelPort(NODE, "vxlan", "vxlan-tunnel-port", 3)));
        on(() -> nodes.updateConnections(vxlanOnly));
        assertEquals("openflow:1", on(() -> reconciler.openflowNodeId(NODE)));
        assertEquals(1, switches.replacements.get());

        // ovs-vswitchd restarted at once: the switch's flows are replaced again
        on(() -> nodes.openflowReconnected("openflow:1"));
        on(() -> nodes.updateConnections(vxlanOnly));
        assertEquals("openflow:1", on(() -> reconciler.openflowNodeId(NODE)));
        assertEquals(2, switches.replacements.get());

        on(() -> nodes.openflowDisconnected("openflow:1"));
        on(() -> nodes.updateConnections(vxlanOnly));
        assertNull(on(() -> reconciler.openflowNodeId(NODE)));
    }

    private static OvsdbBridge bridge(final Map<String, Long> vmPorts) {
        final Map<String, OvsdbPort> ports = new java.util.HashMap<>();
        vmPorts.forEach((lport, ofport) -> ports.put("tap-" + lport, new OvsdbPort("tap-" + lport, "", Map.of(),
            Map.of(OvsdbPort.IFACE_ID, lport), ofport)));
        return new OvsdbBridge(NODE + "/bridge/br-int", NODE, "br-int", Set.of("tcp:127.0.0.1:6653"),
            "0000000000000001", Map.of(), ports);
    }

    /** Runs on the model's thread (the reconciler is confined to it) and waits for the answer. */
    private <T> T on(final Callable<T> task) throws Exception {
        return executor.submit(task).get(5, TimeUnit.SECONDS);
    }

    private void on(final Runnable task) throws Exception {
        executor.submit(task).get(5, TimeUnit.SECONDS);
        // let the reconciler's callbacks (queued behind the task) run
        executor.submit(() -> List.of()).get(5, TimeUnit.SECONDS);
    }
}
