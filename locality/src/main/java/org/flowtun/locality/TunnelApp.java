/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import java.util.List;
import java.util.Optional;
import org.flowtun.impl.flow.FlowAction;
import org.flowtun.impl.flow.FlowApp;
import org.flowtun.impl.flow.FlowSpec;
import org.flowtun.impl.flow.Ipv4;
import org.flowtun.impl.flow.Pipeline;

/**
 * The tunnel app (virtual tunnel port spec): an lport bound to another chassis, or with a binding profile (a
 * port of another cloud), is remote on a node. Its egress flow sends its packets through the node's one
 * virtual tunnel port of the network's type: {@code reg7=R -> tun_id=T, tun_dst=D, output:O}. And per node and
 * tunnel network with a local port, the ingress flow {@code tun_id=T,in_port=I -> metadata=N, goto
 * INGRESS_DESTINATION_PORT_LOOKUP}. Pure.
 */
public final class TunnelApp {
    private TunnelApp() {
    }

    /**
     * The lport's remote placement on the node; empty when the lport is not remote there. When it is remote but
     * its flow cannot be built yet (no tunnel port of the type on the node, no IPv4 destination), the placement
     * is {@link Placement#NONE}: the lport becomes remote once the flow can be installed.
     *
     * @param chassisIp the IP of the chassis the lport is bound to, or null when unknown
     */
    public static Optional<Placement> place(final NodeInfo node, final LportInfo lport, final NetworkInfo network,
            final String chassisIp, final long lportKey) {
        if (!isRemote(node, lport)) {
            return Optional.empty();
        }
        final String destination = destination(lport, chassisIp);
        if (network == null) {
            return Optional.of(Placement.NONE);
        }
        final String type = network.tunnelType();
        if (type == null) {
            // local (and a vlan or flat network without a physical network, which validation refuses): remote,
            // and nothing to install; vlan and flat networks are the provider app's
            return Optional.of(Placement.remote(List.of()));
        }
        final Long ofport = node.tunnelPort(type);
        final Long ipv4 = ipv4(destination);
        if (ofport == null || ipv4 == null) {
            return Optional.of(Placement.NONE);
        }
        return Optional.of(Placement.remote(List.of(egressFlow(lportKey, network.segmentationId(), ipv4, ofport))));
    }

    /** Whether the lport is remote on the node: bound to another chassis, or a port of another cloud. */
    public static boolean isRemote(final NodeInfo node, final LportInfo lport) {
        return lport.hostIp() != null || lport.chassis() != null && !lport.chassis().equals(node.chassisId());
    }

    /** Where a remote lport's packets are tunnelled: its binding profile's host IP, or its chassis' IP. */
    public static String destination(final LportInfo lport, final String chassisIp) {
        return lport.hostIp() != null ? lport.hostIp() : chassisIp;
    }

    public static FlowSpec egressFlow(final long lportKey, final long tunnelId, final long destination,
            final long ofport) {
        return FlowSpec.builder(FlowApp.TUNNEL, Pipeline.EGRESS, Pipeline.PORT_PRIORITY)
            .matchReg7(lportKey)
            .apply(FlowAction.setTunnelId(tunnelId))
            .apply(FlowAction.setTunnelIpv4Dst(destination))
            .apply(FlowAction.output(ofport))
            .build();
    }

    /** The node's ingress flow for a tunnel network that has a local port on it (none if it cannot be built). */
    public static List<FlowSpec> ingressFlows(final NodeInfo node, final NetworkInfo network, final long networkKey) {
        final String type = network.tunnelType();
        final Long ofport = type == null ? null : node.tunnelPort(type);
        if (ofport == null) {
            return List.of();
        }
        return List.of(FlowSpec.builder(FlowApp.TUNNEL, Pipeline.INGRESS_CLASSIFICATION_DISPATCH,
                Pipeline.PORT_PRIORITY)
            .matchTunnelId(network.segmentationId())
            .matchInPort(ofport)
            .writeMetadata(networkKey)
            .gotoTable(Pipeline.INGRESS_DESTINATION_PORT_LOOKUP)
            .build());
    }

    /** The address as an unsigned 32-bit value, or null when it is none or not IPv4. */
    static Long ipv4(final String address) {
        if (address == null) {
            return null;
        }
        try {
            return Ipv4.toLong(address);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
