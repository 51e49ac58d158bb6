/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.flowtun.api.TunnelPort;
import org.flowtun.impl.NetworkKind;
import org.flowtun.impl.config.FlowtunConfig;
import org.flowtun.impl.flow.FlowReconciler;
import org.flowtun.impl.ovsdb.OvsdbBridge;
import org.flowtun.impl.ovsdb.OvsdbSwitch;
import org.flowtun.locality.NetworkFlooding.LocalPort;
import org.junit.After;
import org.junit.Test;

/** A network's own flows on a node: they exist while it has a local port there, and flood to every remote host. */
public class NetworkFloodingTest {
    private static final String NODE = "ovsdb://uuid/n1";
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final FlowReconciler<LocalityFlowOwner> reconciler = new FlowReconciler<>(new FakeSwitches(), executor,
        (node, owner) -> { });
    private final LogicalModel model = new LogicalModel();
    private final KeyAllocator networkKeys = new KeyAllocator("network");
    private final NodeModel nodes = new NodeModel(executor, reconciler, () -> { });
    private final NetworkNeeds needs = new NetworkNeeds();
    private final NetworkFlooding flooding = new NetworkFlooding(model, new Placer(model, needs), networkKeys,
        reconciler, needs);

    @After
    public void tearDown() {
        executor.shutdownNow();
    }

    @Test
    public void aNetworkHasItsFlowsWhileItHasALocalPort() throws Exception {
        on(() -> {
            model.networkChanged("n", new NetworkInfo("n", NetworkKind.VXLAN, 100));
            networkKeys.key("n", null, new HashSet<>());
            model.lportChanged("far", new LportInfo("far", "n", null, null, "192.0.2.9", null));
            nodes.configurationChanged(FlowtunConfig.DEFAULT);
            nodes.switchUpdated(new OvsdbSwitch(NODE, "chassis-1", "10.0.0.1", "127.0.0.1"));
            nodes.bridgeUpdated(new OvsdbBridge(NODE + "/bridge/br-int", NODE, "br-int", Set.of(), "0000000000000001",
                Map.of(), Map.of()));
            nodes.tunnelPortChanged(null, new TunnelPort(NODE, "vxlan", "vxlan-tunnel-port", 3));
            flooding.setLocal(NODE, "vm", new LocalPort("n", L2App.Attachment.untagged(7)));
            flooding.flush(nodes);
        });
        final List<String> flows = flows();
        assertTrue(flows.toString(), flows.contains("table=0,priority=100,tun_id=0x64,in_port=3 "
            + "actions=write_metadata:0x1,goto_table:100"));
        assertTrue(flows.toString(), flows.stream().anyMatch(flow -> flow.startsWith("table=55,")
            && flow.contains("output:7") && flow.contains("set_field:192.0.2.9->tun_dst,output:3")));
        assertTrue(flows.toString(), flows.stream().anyMatch(flow -> flow.startsWith("table=100,")
            && flow.endsWith("actions=output:7")));
        assertEquals(3, flows.size());

        // its last local port goes: so do its flows
        on(() -> {
            flooding.setLocal(NODE, "vm", null);
            flooding.flush(nodes);
        });
        assertEquals(List.of(), flows());
    }

    private List<String> flows() throws Exception {
        return executor.submit(() -> reconciler.flows(NODE, new NetworkFlowOwner("n")).stream()
            .map(Object::toString).sorted().collect(Collectors.toList())).get(5, TimeUnit.SECONDS);
    }

    private void on(final Runnable task) throws Exception {
        executor.submit(task).get(5, TimeUnit.SECONDS);
        executor.submit((Callable<Void>) () -> null).get(5, TimeUnit.SECONDS);
    }
}
