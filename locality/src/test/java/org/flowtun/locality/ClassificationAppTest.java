/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.types.rev261122.Locality;

public class ClassificationAppTest {
    private static final NodeInfo NODE = new NodeInfo("ovsdb://uuid/a", "chassis-a", "openflow:1",
        Map.of("vm-1", 7L), Map.of("vxlan", 1L));

    @Test
    public void boundHereWithItsOvsPortIsLocalWithTheTableZeroFlow() {
        final LportInfo vm = new LportInfo("vm-1", "net", null, "chassis-a", null, null);
        final Placement placement = ClassificationApp.place(NODE, vm, 0x11, 3).orElseThrow();
        assertEquals(Locality.Local, placement.locality());
        assertEquals(List.of("table=0,priority=100,in_port=7 actions=load:0x11->NXM_NX_REG6[],write_metadata:0x3,"
            + "goto_table:55"), TunnelAppTest.texts(placement.flows()));
    }

    @Test
    public void boundHereWithoutItsOvsPortIsNotLocal() {
        final LportInfo vm = new LportInfo("vm-2", "net", null, "chassis-a", null, null);
        assertEquals(Optional.empty(), ClassificationApp.place(NODE, vm, 1, 1));
    }

    @Test
    public void anOvsPortOfAPortBoundElsewhereIsNotLocal() {
        final LportInfo vm = new LportInfo("vm-1", "net", null, "chassis-b", null, null);
        assertEquals(Optional.empty(), ClassificationApp.place(NODE, vm, 1, 1));
    }
}
