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
import org.flowtun.impl.flow.FlowAction;
import org.flowtun.impl.flow.FlowApp;
import org.flowtun.impl.flow.FlowSpec;
import org.flowtun.impl.flow.Pipeline;

/**
 * The minimal L2 overlay pipeline (tables 55, 75, 100, 115): a packet from a local port is looked up by
 * destination MAC in its network (table 55) and delivered to a local port (75 then 115) or tunnelled to the
 * remote port's host (75, the tunnel app's egress flow); a packet from a tunnel is looked up among the local
 * ports of its network (100) and delivered (115). Broadcast and multicast (ARP) go to every local port of the
 * network and to every remote host that has ports on it; from a tunnel only to the local ports (no loops).
 * Pure.
 */
public final class L2App {
    /** More tunnel copies than this in one flood flow would not fit an OpenFlow message. */
    static final int MAX_FLOOD_DESTINATIONS = 1000;

    private L2App() {
    }

    /** An lport local on the node, at {@code ofport}. */
    public static List<FlowSpec> localPortFlows(final long lportKey, final long networkKey, final String mac,
            final long ofport) {
        final List<FlowSpec> flows = new ArrayList<>(4);
        if (mac != null) {
            flows.add(lookup(Pipeline.L2_LOOKUP, networkKey, mac, lportKey, Pipeline.EGRESS));
            flows.add(lookup(Pipeline.INGRESS_DESTINATION_PORT_LOOKUP, networkKey, mac, lportKey,
                Pipeline.INGRESS_DISPATCH));
        }
        flows.add(FlowSpec.builder(FlowApp.L2, Pipeline.EGRESS, Pipeline.PORT_PRIORITY).matchReg7(lportKey)
            .gotoTable(Pipeline.INGRESS_DISPATCH).build());
        flows.add(FlowSpec.builder(FlowApp.L2, Pipeline.INGRESS_DISPATCH, Pipeline.PORT_PRIORITY).matchReg7(lportKey)
            .apply(FlowAction.output(ofport)).build());
        return flows;
    }

    /** An lport remote on the node: its MAC leads to its egress flow (table 75, the tunnel app's). */
    public static List<FlowSpec> remotePortFlows(final long lportKey, final long networkKey, final String mac) {
        return mac == null ? List.of()
            : List.of(lookup(Pipeline.L2_LOOKUP, networkKey, mac, lportKey, Pipeline.EGRESS));
    }

    /**
     * The network's flooding on the node: from a local port to every local port and, through the node's tunnel
     * port of the network's type, to every remote destination; from a tunnel to every local port.
     *
     * @param tunnelOfport the node's tunnel port of the network's type, or null (no tunnel copies)
     * @param destinations remote tunnel endpoints (IPv4 as unsigned values), in a stable order
     */
    public static List<FlowSpec> floodFlows(final long networkKey, final long tunnelId,
            final Collection<Long> localOfports, final Collection<Long> destinations, final Long tunnelOfport) {
        if (localOfports.isEmpty()) {
            return List.of();
        }
        final FlowSpec.Builder fromLocal = FlowSpec.builder(FlowApp.L2, Pipeline.L2_LOOKUP, Pipeline.FLOOD_PRIORITY)
            .matchMetadata(networkKey).matchMulticast();
        final FlowSpec.Builder fromTunnel = FlowSpec.builder(FlowApp.L2, Pipeline.INGRESS_DESTINATION_PORT_LOOKUP,
            Pipeline.FLOOD_PRIORITY).matchMetadata(networkKey).matchMulticast();
        for (long ofport : localOfports) {
            fromLocal.apply(FlowAction.output(ofport));
            fromTunnel.apply(FlowAction.output(ofport));
        }
        if (tunnelOfport != null && !destinations.isEmpty()) {
            fromLocal.apply(FlowAction.setTunnelId(tunnelId));
            destinations.stream().limit(MAX_FLOOD_DESTINATIONS).forEach(destination -> fromLocal
                .apply(FlowAction.setTunnelIpv4Dst(destination)).apply(FlowAction.output(tunnelOfport)));
        }
        return List.of(fromLocal.build(), fromTunnel.build());
    }

    private static FlowSpec lookup(final short table, final long networkKey, final String mac, final long lportKey,
            final short next) {
        return FlowSpec.builder(FlowApp.L2, table, Pipeline.PORT_PRIORITY).matchMetadata(networkKey)
            .matchEthDst(mac).apply(FlowAction.loadReg7(lportKey)).gotoTable(next).build();
    }
}
