/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import java.util.ArrayList;
import java.util.List;
import org.flowtun.impl.flow.FlowAction;
import org.flowtun.impl.flow.FlowApp;
import org.flowtun.impl.flow.FlowSpec;
import org.flowtun.impl.flow.Pipeline;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.l3.rev261122.floating.ips.FloatingIp;

/**
 * The DNAT app: a floating IP's lport follows the lport it is associated with. Where that lport is local, the
 * floating lport is local too: IPv4 packets for it (its MAC in its network) are translated to the associated
 * lport (destination MAC and IP) and delivered to its OVS port ({@code ip,reg7=R_F -> eth_dst=M_A, ip_dst=A,
 * output:P}). Elsewhere it is remote, reached through the associated lport's host (the tunnel app's egress flow
 * with that destination). Pure.
 */
public final class DnatApp {
    private DnatApp() {
    }

    /**
     * A floating lport local on the node.
     *
     * @param associated where the associated lport is on the node: its OVS port, or (a trunk sub-port) its
     *     parent's port and VLAN
     * @param associatedMac the associated lport's MAC, or null (not rewritten)
     * @param fixedIp the address the floating IP translates to, or null (not rewritten)
     */
    public static Placement localPlacement(final long lportKey, final long networkKey, final String mac,
            final L2App.Attachment associated, final String associatedMac, final String fixedIp) {
        final List<FlowSpec> flows = new ArrayList<>(L2App.localLookupFlows(lportKey, networkKey, mac));
        final FlowSpec.Builder translate = FlowSpec.builder(FlowApp.DNAT, Pipeline.INGRESS_DISPATCH,
            Pipeline.PORT_PRIORITY).matchIpv4().matchReg7(lportKey);
        if (associatedMac != null) {
            translate.apply(FlowAction.setEthDst(FlowAction.macToLong(associatedMac)));
        }
        final Long fixed = TunnelApp.ipv4(fixedIp);
        if (fixed != null) {
            translate.apply(FlowAction.setIpv4Dst(fixed));
        }
        associated.deliver(false).forEach(translate::apply);
        flows.add(translate.build());
        return Placement.local(flows);
    }

    /** The floating IP's own lport (the one that follows), or null for a deleted floating IP. */
    static String floatingLport(final FloatingIp fip) {
        return fip == null || fip.getFloatingLport() == null ? null : fip.getFloatingLport().getValue();
    }

    /** The lport the floating IP is associated with (its lport follows that one), or null. */
    static String associatedLport(final FloatingIp fip) {
        return fip == null || fip.getAssociatedLport() == null ? null : fip.getAssociatedLport().getValue();
    }

    /** The floating IP's configured fixed address, or null. */
    static String configuredFixedIp(final FloatingIp fip) {
        return fip == null || fip.getFixedIpAddress() == null ? null : fip.getFixedIpAddress().stringValue();
    }

    /** The fixed address a floating IP translates to: its own, else the associated lport's first IPv4. */
    static String fixedIp(final String configured, final LportInfo associated) {
        return configured != null && TunnelApp.ipv4(configured) != null ? configured : associated.ipv4();
    }
}
