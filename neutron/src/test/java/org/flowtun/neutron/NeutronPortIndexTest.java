/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.neutron;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.Set;
import org.flowtun.neutron.NeutronPortIndex.Owner;
import org.junit.Test;

public class NeutronPortIndexTest {
    private static final Owner ROUTER = new Owner(Owner.Kind.ROUTER, "r1");
    private static final Owner FIP = new Owner(Owner.Kind.FLOATING_IP, "fip1");

    @Test
    public void aRouterInterfaceArrivesAsAPortAndTheRouterIsWrittenAgain() {
        final NeutronPortIndex index = new NeutronPortIndex();
        assertEquals(Set.of(ROUTER), index.portChanged("ri1", "network:router_interface", "r1"));
        assertEquals(Set.of(ROUTER), index.portChanged("ri2", "network:router_interface", "r1"));
        assertEquals(Set.of("ri1", "ri2"), index.interfacesOf("r1"));
        // the same port again (a journal retry) changes nothing
        assertEquals(Set.of(), index.portChanged("ri1", "network:router_interface", "r1"));
        assertEquals(Set.of(ROUTER), index.portRemoved("ri1"));
        assertEquals(Set.of("ri2"), index.interfacesOf("r1"));
        assertEquals(Set.of(), index.portRemoved("unknown"));
    }

    @Test
    public void aFloatingIpsPortIsItsOnlyOnceItsDeviceIdIsNoLongerPending() {
        final NeutronPortIndex index = new NeutronPortIndex();
        assertEquals(Set.of(), index.portChanged("fp", "network:floatingip", "PENDING"));
        assertNull(index.floatingPortOf("fip1"));
        assertEquals(Set.of(FIP), index.portChanged("fp", "network:floatingip", "fip1"));
        assertEquals("fp", index.floatingPortOf("fip1"));
    }

    @Test
    public void aPortThatChangesOwnerLeavesOneAndJoinsTheOther() {
        final NeutronPortIndex index = new NeutronPortIndex();
        index.portChanged("p", "network:router_interface", "r1");
        assertEquals(Set.of(ROUTER, new Owner(Owner.Kind.ROUTER, "r2")),
            index.portChanged("p", "network:router_interface", "r2"));
        assertEquals(Set.of(new Owner(Owner.Kind.ROUTER, "r2")), index.portChanged("p", "compute:nova", "vm"));
        assertEquals(Set.of(), index.interfacesOf("r2"));
    }
}
