/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowtun.impl.NetworkKind;
import org.junit.Test;

public class FlowtunConfigTest {
    @Test
    public void defaultsWhenEmpty() {
        assertEquals(FlowtunConfig.DEFAULT, FlowtunConfig.parse(Map.of()));
        assertEquals(Optional.empty(), FlowtunConfig.DEFAULT.controllerTarget());
    }

    @Test
    public void tunnelTypesKeepOrderWithoutDuplicates() {
        assertEquals(List.of(NetworkKind.GENEVE, NetworkKind.GRE),
            FlowtunConfig.parse(Map.of("tunnel-types", " geneve, GRE ,geneve")).tunnelTypes());
        assertTrue(FlowtunConfig.parse(Map.of("tunnel-types", "")).tunnelTypes().isEmpty());
    }

    @Test
    public void anUnknownTunnelTypeIsRejectedNamingTheKey() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> FlowtunConfig.parse(Map.of("tunnel-types", "vxlan,vlan")));
        assertEquals("tunnel-types: unknown tunnel type \"vlan\" (known: vxlan, gre, geneve)", error.getMessage());
    }

    @Test
    public void malformedValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FlowtunConfig.parse(Map.of("datapath-type", "dpdk")));
        assertThrows(IllegalArgumentException.class, () -> FlowtunConfig.parse(Map.of("controller-target",
            "10.0.0.1:6653")));
        assertThrows(IllegalArgumentException.class, () -> FlowtunConfig.parse(Map.of("integration-bridge",
            "br int")));
        assertEquals(Optional.of("tcp:10.0.0.1:6653"),
            FlowtunConfig.parse(Map.of("controller-target", "tcp:10.0.0.1:6653")).controllerTarget());
    }
}
