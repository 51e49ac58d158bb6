/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class FlowSpecTest {
    @Test
    public void actionsComeBackAsTheyWereAppliedAndTheTextShowsThem() {
        final FlowSpec first = egress(1, 0x0a000002L);
        final FlowSpec second = egress(2, 0x0a000002L);
        assertEquals(List.of(FlowAction.setTunnelId(42), FlowAction.setTunnelIpv4Dst(0x0a000002L),
            FlowAction.output(9)), second.actions());
        assertEquals(first.actions(), second.actions());
        assertNotEquals(first.key(), second.key());
        assertNotEquals(first.cookie(), second.cookie());
        assertEquals("table=75,priority=100,reg7=0x2 actions=set_field:0x2a->tun_id,"
            + "set_field:10.0.0.2->tun_dst,output:9", second.toString());
    }

    @Test
    public void theMatchAndTheInstructionsAreShownApart() {
        final FlowSpec flow = egress(2, 0x0a000002L);
        assertEquals("reg7=0x2", flow.matchFields());
        assertEquals("set_field:0x2a->tun_id,set_field:10.0.0.2->tun_dst,output:9", flow.instructions());
        final FlowSpec any = FlowSpec.builder(FlowApp.TUNNEL, Pipeline.EGRESS, 1).build();
        assertEquals("", any.matchFields());
        assertEquals("drop", any.instructions());
        assertEquals("table=75,priority=1 actions=drop", any.toString());
    }

    @Test
    public void differentActionsMakeADifferentFlowWithTheSameKey() {
        final FlowSpec first = egress(1, 0x0a000002L);
        final FlowSpec other = egress(1, 0x0a000003L);
        assertNotEquals(first.actions(), other.actions());
        assertEquals(first, egress(1, 0x0a000002L));
        assertEquals(first.key(), other.key());
        assertNotEquals(first, other);
        assertNotEquals(first.cookie(), other.cookie());
    }

    @Test
    public void aValueBeyondWhatAnActionHoldsIsRefused() {
        assertEquals(FlowAction.setEthDst(0xffff_ffff_ffffL), FlowAction.unpack(FlowAction.setEthDst(0xffff_ffff_ffffL)
            .packed()));
        assertThrows(IllegalArgumentException.class, () -> FlowAction.setTunnelId(1L << 60));
    }

    private static FlowSpec egress(final long reg7, final long destination) {
        return FlowSpec.builder(FlowApp.TUNNEL, Pipeline.EGRESS, Pipeline.PORT_PRIORITY).matchReg7(reg7)
            .apply(FlowAction.setTunnelId(42)).apply(FlowAction.setTunnelIpv4Dst(destination))
            .apply(FlowAction.output(9)).build();
    }
}
