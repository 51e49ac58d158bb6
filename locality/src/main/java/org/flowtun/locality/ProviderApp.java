/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.flowtun.impl.flow.FlowAction;
import org.flowtun.impl.flow.FlowApp;
import org.flowtun.impl.flow.FlowSpec;
import org.flowtun.impl.flow.Pipeline;

/**
 * The provider app (Dragonflow's provider networks app; OVN's localnet ports): a vlan or flat network is carried
 * on a physical network, which a node reaches through the patch port between its integration bridge and the bridge
 * its bridge mappings name (the bridge that holds the NIC). On a node that reaches the network's physical network:
 * <ul>
 *   <li>ingress (table 0), per network: {@code in_port=PATCH,dl_vlan=V → pop_vlan, metadata=N, goto 100}, or for a
 *       flat network {@code in_port=PATCH,vlan_tci=0x0000/0x1fff → metadata=N, goto 100}; from there, as from a
 *       tunnel, only the network's local ports are delivered to (nothing goes back to the wire);</li>
 *   <li>unknown unicast (table 55, priority 10), per network: {@code metadata=N → [push_vlan, vlan_vid=V,]
 *       output:PATCH}: the physical network has hosts that are no lport (a router, another cloud's hosts);</li>
 *   <li>egress (table 75), per remote port: {@code reg7=R → push_vlan, vlan_vid=V, output:PATCH} (flat: only the
 *       output), where the tunnel app would tunnel it;</li>
 *   <li>flooding: one copy out of the patch port (tagged for vlan) instead of one per remote host.</li>
 * </ul>
 * A remote port of the network is remote on the node once its egress flow is on the switch. A node that needs the
 * network but does not reach its physical network gets none of these flows, and the network's remote ports get no
 * locality there ({@code flowtun:nodes} names the physical networks it lacks). Pure.
 */
public final class ProviderApp {
    private ProviderApp() {
    }

    /**
     * The remote placement of a remote lport of a provider network on the node: its egress flow through the patch
     * port; {@link Placement#NONE} when the node does not reach the network's physical network.
     */
    public static Optional<Placement> place(final NodeInfo node, final LportInfo binding, final NetworkInfo network,
            final long lportKey) {
        if (!TunnelApp.isRemote(node, binding)) {
            return Optional.empty();
        }
        final Long patch = patchOf(node, network);
        if (patch == null) {
            return Optional.of(Placement.NONE);
        }
        return Optional.of(Placement.remote(List.of(egressFlow(lportKey, network, patch))));
    }

    /** {@code reg7=R → [push_vlan, vlan_vid=V,] output:PATCH}. */
    public static FlowSpec egressFlow(final long lportKey, final NetworkInfo network, final long patch) {
        final FlowSpec.Builder flow = FlowSpec.builder(FlowApp.PROVIDER, Pipeline.EGRESS, Pipeline.PORT_PRIORITY)
            .matchReg7(lportKey);
        toWire(network, patch).forEach(flow::apply);
        return flow.build();
    }

    /**
     * The network's own flows on the node: its ingress from the physical network, and its unicast to MACs that no
     * port of it has, out to the physical network; nothing when the node does not reach it.
     */
    public static List<FlowSpec> networkFlows(final NodeInfo node, final NetworkInfo network, final long networkKey) {
        final Long patch = patchOf(node, network);
        if (patch == null) {
            return List.of();
        }
        final FlowSpec.Builder ingress = FlowSpec.builder(FlowApp.PROVIDER, Pipeline.INGRESS_CLASSIFICATION_DISPATCH,
            Pipeline.PORT_PRIORITY).matchInPort(patch);
        if (isVlan(network)) {
            ingress.matchVlan((int) network.segmentationId()).apply(FlowAction.popVlan());
        } else {
            ingress.matchUntagged();
        }
        final FlowSpec.Builder unknown = FlowSpec.builder(FlowApp.PROVIDER, Pipeline.L2_LOOKUP,
            Pipeline.UNKNOWN_UNICAST_PRIORITY).matchMetadata(networkKey);
        toWire(network, patch).forEach(unknown::apply);
        return List.of(ingress.writeMetadata(networkKey).gotoTable(Pipeline.INGRESS_DESTINATION_PORT_LOOKUP).build(),
            unknown.build());
    }

    /**
     * The copy of the network's broadcasts that goes to the physical network (a flood group's bucket), or null when
     * the node does not reach it.
     */
    public static List<FlowAction> floodCopy(final NodeInfo node, final NetworkInfo network) {
        final Long patch = patchOf(node, network);
        return patch == null ? null : toWire(network, patch);
    }

    /** Whether the node needs to reach {@code network}'s physical network and cannot. */
    public static boolean unreachable(final NodeInfo node, final NetworkInfo network) {
        return network != null && network.isProvider() && patchOf(node, network) == null;
    }

    /** The physical networks of {@code needed} (the networks the node needs) that the node does not reach. */
    static Set<String> unreachablePhysicalNetworks(final NodeInfo node, final Collection<NetworkInfo> needed) {
        final Set<String> unreachable = new TreeSet<>();
        needed.stream().filter(network -> unreachable(node, network))
            .forEach(network -> unreachable.add(network.physicalNetwork()));
        return unreachable;
    }

    /** The node's patch port toward a provider network's physical network, or null. */
    private static Long patchOf(final NodeInfo node, final NetworkInfo network) {
        return network.isProvider() ? node.providerPort(network.physicalNetwork()) : null;
    }

    private static List<FlowAction> toWire(final NetworkInfo network, final long patch) {
        final List<FlowAction> actions = new ArrayList<>(3);
        if (isVlan(network)) {
            actions.add(FlowAction.pushVlan());
            actions.add(FlowAction.setVlanVid((int) network.segmentationId()));
        }
        actions.add(FlowAction.output(patch));
        return actions;
    }

    private static boolean isVlan(final NetworkInfo network) {
        return network.kind() == org.flowtun.impl.NetworkKind.VLAN;
    }
}
