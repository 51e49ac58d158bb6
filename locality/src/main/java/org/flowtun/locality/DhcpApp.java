/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.network.rev261122.subnets.Subnet;

/**
 * The DHCP app: an lport whose {@code device-owner} is {@code dhcp}, on a network with a subnet whose
 * {@code enable-dhcp} is true, is distributed: the DHCP service answers on every node. Pure.
 */
public final class DhcpApp {
    private DhcpApp() {
    }

    /** Whether the lport is a DHCP port (distributed while DHCP is enabled on its network). */
    static boolean isDhcpPort(final LportInfo lport) {
        return lport != null && lport.dhcpOwner();
    }

    /** The subnet's network, or null for a deleted subnet. */
    static String network(final Subnet subnet) {
        return subnet == null || subnet.getNetwork() == null ? null : subnet.getNetwork().getValue();
    }

    /** Whether the subnet enables DHCP on its network. */
    static boolean enablesDhcp(final Subnet subnet) {
        return subnet != null && Boolean.TRUE.equals(subnet.isEnableDhcp());
    }
}
