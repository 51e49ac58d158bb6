/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.ovsdb;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class BridgeMappingsTest {
    @Test
    public void readsPhysicalNetworkToBridgePairsAsOvnDoes() {
        final BridgeMappings mappings = BridgeMappings.parse(" physnet1:br-prov , ext:br-ex", "br-int");
        assertEquals(Map.of("physnet1", "br-prov", "ext", "br-ex"), mappings.bridgeByNetwork());
        assertEquals("ext:br-ex,physnet1:br-prov", mappings.toString());
        assertTrue(mappings.problems().isEmpty());
    }

    @Test
    public void absentOrBlankIsNone() {
        assertTrue(BridgeMappings.parse(null, "br-int").isEmpty());
        assertTrue(BridgeMappings.parse("  ", "br-int").isEmpty());
    }

    @Test
    public void leavesOutWhatItCannotUseAndSaysWhy() {
        final BridgeMappings mappings = BridgeMappings.parse(
            "a:br-a,broken,a:br-other,b:br-a,c:br-int,d:,e:br:x,f:br-f", "br-int");
        assertEquals(Map.of("a", "br-a", "f", "br-f"), mappings.bridgeByNetwork());
        assertEquals(List.of(
            "\"broken\" is not physical-network:bridge",
            "physical network a is mapped twice; the first mapping holds",
            "bridge br-a is mapped twice (physical network b left out): one bridge per physical network",
            "\"d:\" is not physical-network:bridge",
            "\"e:br:x\" is not physical-network:bridge",
            "physical network c cannot be mapped to the integration bridge br-int"), mappings.problems());
        // read once, then filtered for a bridge: without one to it, the same mappings
        final BridgeMappings once = BridgeMappings.parse("a:br-a");
        assertSame(once, once.forIntegrationBridge("br-int"));
    }
}
