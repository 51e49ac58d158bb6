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
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Test;

/** Which networks a node needs: its local lports' networks and what routers connect to them, transitively. */
public class NetworkNeedsTest {
    private final NetworkNeeds needs = new NetworkNeeds();

    @Test
    public void aNodeNeedsANetworkWhileItHasALocalLportOnIt() {
        needs.localAdded("x", "n1");
        assertTrue(needs.needs("x", "n1"));
        assertFalse(needs.needs("y", "n1"));
        assertEquals(Set.of("x"), needs.nodesNeeding("n1"));
        assertEquals(Set.of("x/n1"), transitions());

        needs.localRemoved("x", "n1");
        assertFalse(needs.needs("x", "n1"));
        assertEquals(Set.of(), needs.nodesNeeding("n1"));
        assertEquals(Set.of("x/n1"), transitions());
    }

    @Test
    public void routersExtendTheNeedTransitivelyAndShrinkItWhenTheLinkGoes() {
        needs.localAdded("x", "n1");
        transitions();
        // r1 links n1 and n2, r2 links n2 and n3: x needs all three
        needs.routedNetworksChanged(List.of(Set.of("n1", "n2"), Set.of("n2", "n3")));
        assertEquals(Set.of("n1", "n2", "n3"), needs.neededOn("x"));
        assertEquals(Set.of("x/n2", "x/n3"), transitions());
        assertFalse("a node with no local lport needs nothing", needs.needs("y", "n3"));

        // r2 goes: n3 is needed no more
        needs.routedNetworksChanged(List.of(Set.of("n1", "n2")));
        assertEquals(Set.of("n1", "n2"), needs.neededOn("x"));
        assertEquals(Set.of("x/n3"), transitions());
    }

    @Test
    public void aComponentStaysNeededWhileAnyOfItsNetworksHasALocalLport() {
        needs.routedNetworksChanged(List.<Set<String>>of(Set.of("n1", "n2")));
        needs.localAdded("x", "n1");
        needs.localAdded("x", "n2");
        assertEquals(Set.of("x/n1", "x/n2"), transitions());
        needs.localRemoved("x", "n1");
        assertEquals("n2 is still local, and routed to n1", Set.of("n1", "n2"), needs.neededOn("x"));
        assertEquals(Set.of(), transitions());
        needs.localRemoved("x", "n2");
        assertEquals(Set.of(), needs.neededOn("x"));
        assertEquals(Set.of("x/n1", "x/n2"), transitions());
    }

    @Test
    public void aNodeThatLeavesNeedsNothing() {
        needs.localAdded("x", "n1");
        needs.localAdded("y", "n1");
        needs.nodeLeft("x");
        assertEquals(Set.of("y"), needs.nodesNeeding("n1"));
        assertEquals("the node that left has no transition left", Set.of("y/n1"), transitions());
        assertFalse(needs.hasLocal("x", "n1"));
    }

    private Set<String> transitions() {
        return needs.takeTransitions().stream().map(Object::toString).collect(Collectors.toSet());
    }
}
