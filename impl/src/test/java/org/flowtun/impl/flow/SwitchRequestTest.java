/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.io.File;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * A switch's flow requests as they cross to its master member: flowtun's flow classes survive the trip unchanged,
 * nothing else is read back, and the answer (or the switch's refusal) comes back as the master saw it.
 */
public class SwitchRequestTest {
    private static final GroupSpec GROUP = new GroupSpec(Pipeline.floodGroup(7), List.of(List.of(FlowAction.output(3)),
        List.of(FlowAction.setTunnelId(42), FlowAction.setTunnelIpv4Dst(0x0a640002L), FlowAction.output(9))));

    @Test
    public void flowsGroupsAndBundlesCrossUnchanged() {
        final FlowSpec egress = egress(2, 0x0a640002L);
        final FlowSpec flood = FlowSpec.builder(FlowApp.L2, Pipeline.L2_LOOKUP, Pipeline.FLOOD_PRIORITY)
            .matchMetadata(7).matchMulticast().applyGroup(GROUP, List.of()).build();
        final SwitchRequest replace = roundTrip(SwitchRequest.replace(List.of(egress, flood),
            Map.of(Pipeline.SWITCH_SEAL, Pipeline.sealCookie(5))));
        assertEquals(SwitchRequest.Kind.REPLACE, replace.kind);
        assertEquals(List.of(egress, flood), replace.flows);
        assertEquals(flood.groups(), replace.flows.get(1).groups());
        assertEquals(flood.cookie(), replace.flows.get(1).cookie());
        assertEquals(Map.of(Pipeline.SWITCH_SEAL, Pipeline.sealCookie(5)), replace.seals);

        final SwitchChanges changes = new SwitchChanges(Map.of(0xf7L, (short) 75), List.of(GROUP), List.of(),
            List.of(egress), List.of(5L));
        final SwitchRequest bundle = roundTrip(SwitchRequest.bundle(changes));
        assertEquals(changes.flowAdditions(), bundle.changes.flowAdditions());
        assertEquals(changes.flowRemovals(), bundle.changes.flowRemovals());
        assertEquals(changes.groupAdditions(), bundle.changes.groupAdditions());
        assertEquals(changes.groupRemovals(), bundle.changes.groupRemovals());

        final SwitchRequest remove = roundTrip(SwitchRequest.remove((short) 75, 0xf7000000000000aaL));
        assertEquals(75, remove.table);
        assertEquals(0xf7000000000000aaL, remove.cookie);
    }

    @Test
    public void nothingButFlowtunsFlowClassesIsReadBack() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> SwitchRequest.decode(SwitchRequest.encode(new File("/etc/passwd")), Object.class));
        assertTrue(error.getMessage(), error.getMessage().contains("not a flowtun switch request"));
    }

    @Test
    public void aSwitchIsWrittenHereWhenThisMemberIsItsMasterElseThroughItsMaster() throws Exception {
        final RecordingWriter here = new RecordingWriter();
        final RecordingWriter master = new RecordingWriter();
        final SwitchRequestHandler masterMember = new SwitchRequestHandler(master);
        final List<String> mastered = List.of("openflow:1");
        final MasterFlowWriter writer = new MasterFlowWriter(here, masterMember::writeToSwitch, mastered::contains);

        writer.replace("openflow:1", List.of(egress(1, 10)), Map.of()).get(5, TimeUnit.SECONDS);
        writer.replace("openflow:2", List.of(egress(2, 20)), Map.of(3, Pipeline.sealCookie(7)))
            .get(5, TimeUnit.SECONDS);
        assertEquals(List.of("replace openflow:1 " + List.of(egress(1, 10)) + " {}"), here.calls);
        assertEquals(List.of("replace openflow:2 " + List.of(egress(2, 20)) + " " + Map.of(3,
            Pipeline.sealCookie(7))), master.calls);
        assertEquals(Map.of(Pipeline.SWITCH_SEAL, new Seal(Pipeline.sealCookie(9), 4)),
            writer.seals("openflow:2").get(5, TimeUnit.SECONDS));
        assertEquals(Long.valueOf(17), writer.countFlows("openflow:2").get(5, TimeUnit.SECONDS));
        assertEquals(Map.of(0xf7L, (short) 75), writer.installedFlows("openflow:2").get(5, TimeUnit.SECONDS));

        // the switch's refusal, as its master saw it, stays a refusal (the reconciler then sends flow by flow)
        master.refuse = true;
        final ExecutionException refused = assertThrows(ExecutionException.class,
            () -> writer.bundle("openflow:2", SwitchChanges.flows(List.of(egress(3, 30)), Map.of()))
                .get(5, TimeUnit.SECONDS));
        assertTrue(refused.getCause().toString(), refused.getCause() instanceof SwitchRejectedException);
        assertTrue(refused.getCause().getMessage(), refused.getCause().getMessage().contains("through its master"));
    }

    private static SwitchRequest roundTrip(final SwitchRequest request) {
        return SwitchRequest.decode(SwitchRequest.encode(request), SwitchRequest.class);
    }

    private static FlowSpec egress(final long reg7, final long destination) {
        return FlowSpec.builder(FlowApp.TUNNEL, Pipeline.EGRESS, Pipeline.PORT_PRIORITY).matchReg7(reg7)
            .apply(FlowAction.setTunnelId(42)).apply(FlowAction.setTunnelIpv4Dst(destination))
            .apply(FlowAction.output(9)).build();
    }

    /** A switch's writer that records what it is asked. */
    private static final class RecordingWriter implements FlowWriter {
        final List<String> calls = new ArrayList<>();
        boolean refuse;

        private ListenableFuture<?> call(final String what) {
            calls.add(what);
            // what OpenFlowPlugin answers beyond "done" (an RpcResult) stays on the master
            return refuse ? Futures.immediateFailedFuture(new SwitchRejectedException("OFPBAC_BAD_TYPE"))
                : Futures.immediateFuture(URI.create("urn:an-answer-of-another-package"));
        }

        @Override
        public ListenableFuture<?> add(final String node, final FlowSpec flow) {
            return call("add " + node + " " + flow);
        }

        @Override
        public ListenableFuture<?> remove(final String node, final short table, final long cookie) {
            return call("remove " + node + " " + table + " " + cookie);
        }

        @Override
        public ListenableFuture<?> bundle(final String node, final SwitchChanges changes) {
            return call("bundle " + node + " " + changes.flowAdditions());
        }

        @Override
        public ListenableFuture<?> replace(final String node, final List<FlowSpec> flows,
                final Map<Integer, Long> seals) {
            return call("replace " + node + " " + flows + " " + seals);
        }

        @Override
        public ListenableFuture<Map<Integer, Seal>> seals(final String node) {
            return Futures.immediateFuture(Map.of(Pipeline.SWITCH_SEAL, new Seal(Pipeline.sealCookie(9), 4)));
        }

        @Override
        public ListenableFuture<Long> countFlows(final String node) {
            return Futures.immediateFuture(17L);
        }

        @Override
        public ListenableFuture<Map<Long, Short>> installedFlows(final String node) {
            return Futures.immediateFuture(Map.of(0xf7L, (short) 75));
        }
    }
}
