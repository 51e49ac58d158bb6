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
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.Test;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Locality;

public class NodeLocalitiesTest {
    private final NodeLocalities localities = new NodeLocalities();

    @Test
    public void holdsOneLocalityPerNodeAndTheLastPutWins() {
        localities.put("n1", Locality.Remote);
        localities.put("n2", Locality.Local);
        localities.put("n3", Locality.Remote);
        localities.put("n1", Locality.Distributed);
        assertEquals(Map.of("n1", Locality.Distributed, "n2", Locality.Local, "n3", Locality.Remote), all());
        assertNull(localities.get("n4"));
    }

    @Test
    public void removingTheFirstNodeKeepsTheOthersAndTheLastRemovalEmptiesIt() {
        localities.put("n1", Locality.Remote);
        localities.put("n2", Locality.Local);
        localities.put("n3", Locality.Remote);
        assertFalse(localities.remove("n1"));
        assertNull(localities.get("n1"));
        assertEquals(Map.of("n2", Locality.Local, "n3", Locality.Remote), all());
        assertFalse(localities.remove("n4"));
        assertFalse(localities.remove("n3"));
        assertTrue(localities.remove("n2"));
        assertEquals(Map.of(), all());
        localities.put("n5", Locality.Local);
        assertEquals(Map.of("n5", Locality.Local), all());
    }

    private Map<String, Locality> all() {
        final Map<String, Locality> result = new HashMap<>();
        localities.forEach((node, locality) -> assertNull("one entry per node", result.put(node, locality)));
        result.keySet().forEach(node -> assertEquals(result.get(node), localities.get(node)));
        return result;
    }
}
