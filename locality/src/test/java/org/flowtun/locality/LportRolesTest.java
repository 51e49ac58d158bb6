/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static org.junit.Assert.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class LportRolesTest {
    private final LportRoles roles = new LportRoles();

    private static LportInfo lport(final String id, final String network, final boolean dhcp) {
        return new LportInfo(id, network, null, null, null, null, null, dhcp);
    }

    @Test
    public void routerPortsAreDistributedWhileARouterHasThem() {
        assertEquals(Set.of("ri-1", "gw"), roles.routerChanged("r1", Set.of("ri-1", "gw")));
        assertEquals(Set.of("ri-1"), roles.routerChanged("r2", Set.of("ri-1")));
        assertEquals(LportRoles.Role.DISTRIBUTED, roles.roleOf(lport("ri-1", "n", false)));
        assertEquals(Set.of("ri-1", "gw"), roles.routerChanged("r1", null));
        assertEquals(LportRoles.Role.DISTRIBUTED, roles.roleOf(lport("ri-1", "n", false)));
        assertEquals(LportRoles.Role.OWN, roles.roleOf(lport("gw", "n", false)));
        roles.routerChanged("r2", Set.of());
        assertEquals(LportRoles.Role.OWN, roles.roleOf(lport("ri-1", "n", false)));
    }

    @Test
    public void dhcpPortsAreDistributedWhileTheirNetworkHasADhcpEnabledSubnet() {
        assertEquals(Set.of("n"), roles.subnetChanged("s1", "n", false));
        assertEquals(LportRoles.Role.OWN, roles.roleOf(lport("dhcp-1", "n", true)));
        roles.subnetChanged("s1", "n", true);
        assertEquals(LportRoles.Role.DISTRIBUTED, roles.roleOf(lport("dhcp-1", "n", true)));
        assertEquals(LportRoles.Role.OWN, roles.roleOf(lport("vm", "n", false)));
        assertEquals(Set.of("n"), roles.subnetChanged("s1", null, false));
        assertEquals(LportRoles.Role.OWN, roles.roleOf(lport("dhcp-1", "n", true)));
    }

    @Test
    public void aFloatingIpsLportFollowsItsAssociatedLport() {
        assertEquals(Set.of("fip-port"), roles.floatingIpChanged("fip", "fip-port", null, null));
        assertEquals(LportRoles.Role.UNASSOCIATED, roles.roleOf(lport("fip-port", "ext", false)));
        roles.floatingIpChanged("fip", "fip-port", "vm-1", "10.0.0.5");
        assertEquals(LportRoles.Role.floating("vm-1", "10.0.0.5"), roles.roleOf(lport("fip-port", "ext", false)));
        assertEquals(Set.of("fip-port"), roles.followersOf("vm-1"));
        roles.floatingIpChanged("fip", "fip-port", "vm-2", null);
        assertEquals(Set.of(), roles.followersOf("vm-1"));
        assertEquals(Set.of("fip-port"), roles.followersOf("vm-2"));
        assertEquals(Set.of("fip-port"), roles.floatingIpChanged("fip", null, null, null));
        assertEquals(LportRoles.Role.OWN, roles.roleOf(lport("fip-port", "ext", false)));
        assertEquals(Set.of(), roles.followersOf("vm-2"));
    }

    @Test
    public void trunkSubPortsFollowTheParentWithTheirVlan() {
        assertEquals(Set.of("sub-1", "sub-2"), roles.trunkChanged("t", "parent", Map.of("sub-1", 100, "sub-2", 200)));
        assertEquals(LportRoles.Role.subPort("parent", 200), roles.roleOf(lport("sub-2", "n2", false)));
        assertEquals(Set.of("sub-1", "sub-2"), roles.followersOf("parent"));
        assertEquals(Set.of("sub-1", "sub-2"), roles.trunkChanged("t", "parent", Map.of("sub-1", 101)));
        assertEquals(LportRoles.Role.subPort("parent", 101), roles.roleOf(lport("sub-1", "n2", false)));
        assertEquals(LportRoles.Role.OWN, roles.roleOf(lport("sub-2", "n2", false)));
        roles.trunkChanged("t", null, Map.of());
        assertEquals(Set.of(), roles.followersOf("parent"));
    }

    @Test
    public void aRouterPortIsDistributedEvenWhenItIsAlsoASubPort() {
        roles.trunkChanged("t", "parent", Map.of("p", 100));
        roles.routerChanged("r", Set.of("p"));
        assertEquals(LportRoles.Role.DISTRIBUTED, roles.roleOf(lport("p", "n", false)));
    }
}
