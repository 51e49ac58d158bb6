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
import java.util.Set;
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

    @Test
    public void controllerTargetsNeedAValidAddressAndPort() {
        for (String good : List.of("tcp:127.0.0.1:6653", "tcp:10.0.0.1", "ssl:192.0.2.1:6653", "tcp:[::1]:6653",
                "tcp:controller.example.org:6653", "unix:/var/run/of.sock")) {
            assertEquals(good, Optional.of(good), FlowtunConfig.parse(Map.of("controller-target", good))
                .controllerTarget());
        }
        assertEquals(Set.of("tcp:10.0.0.1:6653", "tcp:10.0.0.2:6653"), FlowtunConfig.parse(Map.of("controller-target",
            " tcp:10.0.0.1:6653 ,tcp:10.0.0.2:6653,tcp:10.0.0.1:6653")).controllerTargets());
        assertEquals(Set.of(), FlowtunConfig.DEFAULT.controllerTargets());
        assertRejected("tcp:10.0.0.1:6653,10.0.0.2", "controller-target: \"10.0.0.2\": not an active OVS controller "
            + "target (expected tcp:IP[:PORT], ssl:IP[:PORT] or unix:PATH)");
        assertRejected("tcp:999.1.1.1:6653", "controller-target: \"tcp:999.1.1.1:6653\": \"999.1.1.1\" is not an "
            + "IPv4 address (expected tcp:IP[:PORT], ssl:IP[:PORT] or unix:PATH)");
        assertRejected("tcp:127.0.0.1:70000", "controller-target: \"tcp:127.0.0.1:70000\": port 70000 is out of "
            + "range (1..65535) (expected tcp:IP[:PORT], ssl:IP[:PORT] or unix:PATH)");
        for (String bad : List.of("tcp:127.0.0.1:0", "tcp:", "tcp:[zz::1]:6653", "ptcp:6653", "udp:10.0.0.1:6653",
                "tcp:bad_host:6653", "unix:", "tcp:10.0.0.1:6653:1")) {
            final IllegalArgumentException error = assertThrows(bad, IllegalArgumentException.class,
                () -> FlowtunConfig.parse(Map.of("controller-target", bad)));
            assertTrue(error.getMessage(), error.getMessage().startsWith("controller-target: \"" + bad + "\""));
        }
    }

    @Test
    public void auditAndRefreshIntervalsAreWholeSecondsOrOff() {
        assertEquals(10, FlowtunConfig.DEFAULT.flowAuditSeconds());
        assertEquals(300, FlowtunConfig.DEFAULT.flowRefreshSeconds());
        final FlowtunConfig config = FlowtunConfig.parse(Map.of("flow-audit-interval", "0",
            "flow-refresh-interval", "5"));
        assertEquals(0, config.flowAuditSeconds());
        assertEquals(5, config.flowRefreshSeconds());
        assertEquals("flow-audit-interval: \"soon\" is not a whole number of seconds", assertThrows(
            IllegalArgumentException.class, () -> FlowtunConfig.parse(Map.of("flow-audit-interval", "soon")))
            .getMessage());
        assertEquals("flow-refresh-interval: -1 is out of range (0 to turn it off, or 1..86400 seconds)",
            assertThrows(IllegalArgumentException.class, () -> FlowtunConfig.parse(Map.of("flow-refresh-interval",
                "-1"))).getMessage());
    }

    private static void assertRejected(final String target, final String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
            () -> FlowtunConfig.parse(Map.of("controller-target", target))).getMessage());
    }
}
