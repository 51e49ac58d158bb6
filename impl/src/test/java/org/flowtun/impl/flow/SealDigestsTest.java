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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class SealDigestsTest {
    @Test
    public void theSealsOfASetOfFlowsDoNotDependOnTheOrderTheyCameIn() {
        final List<FlowSpec> flows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            flows.add(egress(i, 10));
        }
        final SealDigests inOrder = new SealDigests();
        flows.forEach(inOrder::add);
        Collections.shuffle(flows, new Random(7));
        final SealDigests shuffled = new SealDigests();
        flows.forEach(shuffled::add);
        for (int index = 0; index < Pipeline.SEALS; index++) {
            assertEquals(inOrder.sealCookie(index), shuffled.sealCookie(index));
        }
    }

    @Test
    public void aFlowChangedTouchesOnlyTheSealsOfItsBuckets() {
        final SealDigests before = new SealDigests();
        final SealDigests after = new SealDigests();
        for (int i = 0; i < 200; i++) {
            before.add(egress(i, 10));
            after.add(egress(i, 10));
        }
        final FlowSpec old = egress(5, 10);
        final FlowSpec changed = egress(5, 11);
        after.remove(old);
        after.add(changed);
        for (int bucket = 0; bucket < Pipeline.SEAL_BUCKETS; bucket++) {
            final boolean touched = bucket == Pipeline.sealBucket(old.cookie())
                || bucket == Pipeline.sealBucket(changed.cookie());
            if (touched) {
                assertNotEquals("bucket " + bucket, before.sealCookie(bucket), after.sealCookie(bucket));
            } else {
                assertEquals("bucket " + bucket, before.sealCookie(bucket), after.sealCookie(bucket));
            }
        }
        assertEquals("no flow sends to a group", before.sealCookie(Pipeline.SWITCH_SEAL),
            after.sealCookie(Pipeline.SWITCH_SEAL));
        after.remove(changed);
        after.add(old);
        for (int index = 0; index < Pipeline.SEALS; index++) {
            assertEquals(before.sealCookie(index), after.sealCookie(index));
        }
    }

    @Test
    public void theSwitchSealFollowsTheFlowsThatSendToGroups() {
        final SealDigests digests = new SealDigests();
        final long empty = digests.sealCookie(Pipeline.SWITCH_SEAL);
        final GroupSpec group = new GroupSpec(Pipeline.floodGroup(7), List.of(List.of(FlowAction.output(3))));
        final FlowSpec flood = FlowSpec.builder(FlowApp.L2, Pipeline.L2_LOOKUP, Pipeline.FLOOD_PRIORITY)
            .matchMetadata(7).matchMulticast().applyGroup(group, List.of()).build();
        digests.add(flood);
        assertNotEquals(empty, digests.sealCookie(Pipeline.SWITCH_SEAL));
        final GroupSpec wider = new GroupSpec(Pipeline.floodGroup(7), List.of(List.of(FlowAction.output(3)),
            List.of(FlowAction.output(4))));
        final SealDigests other = new SealDigests();
        other.add(FlowSpec.builder(FlowApp.L2, Pipeline.L2_LOOKUP, Pipeline.FLOOD_PRIORITY)
            .matchMetadata(7).matchMulticast().applyGroup(wider, List.of()).build());
        assertNotEquals("a group's buckets count", digests.sealCookie(Pipeline.SWITCH_SEAL),
            other.sealCookie(Pipeline.SWITCH_SEAL));
        assertEquals(Pipeline.SEAL_COOKIE, digests.sealCookie(Pipeline.SWITCH_SEAL) & Pipeline.SEAL_COOKIE_MASK);
    }

    private static FlowSpec egress(final long port, final long destination) {
        return FlowSpec.builder(FlowApp.TUNNEL, Pipeline.EGRESS, Pipeline.PORT_PRIORITY).matchReg7(port)
            .apply(FlowAction.setTunnelIpv4Dst(destination)).apply(FlowAction.output(1)).build();
    }
}
