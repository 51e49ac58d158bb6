/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * A switch that takes its master member for a slave: the request fails as a passing failure (retried as it was,
 * not flow by flow), and the member claims the master role on the switch again, once per few seconds.
 */
public class RoleAwareFlowWriterTest {
    private final List<String> resets = new ArrayList<>();
    private String refusal = "add failed: [RpcError [message=Device reported error type BADREQUEST code ISSLAVE]]";
    private final RoleAwareFlowWriter writer = new RoleAwareFlowWriter(new RefusingWriter(), resets::add);

    @Test
    public void aSlaveRefusalDropsThisMembersConnectionOnceAndIsRetriedAsItWas() throws Exception {
        final ExecutionException first = assertThrows(ExecutionException.class,
            () -> writer.replace("openflow:1", List.of(), Map.of()).get(5, TimeUnit.SECONDS));
        assertFalse(first.getCause().toString(), first.getCause() instanceof SwitchRejectedException);
        assertTrue(first.getCause().getMessage(),
            first.getCause().getMessage().contains("takes this member for a slave"));
        assertEquals(List.of("openflow:1"), resets);

        // again at once: no second reset while the mastership moves
        assertThrows(ExecutionException.class, () -> writer.add("openflow:1", null).get(5, TimeUnit.SECONDS));
        assertEquals(List.of("openflow:1"), resets);
    }

    @Test
    public void anyOtherRefusalStaysTheSwitchs() {
        refusal = "add failed: [RpcError [message=Device reported error type BADACTION code BADTYPE]]";
        final ExecutionException refused = assertThrows(ExecutionException.class,
            () -> writer.bundle("openflow:1", SwitchChanges.flows(List.of(), Map.of())).get(5, TimeUnit.SECONDS));
        assertTrue(refused.getCause().toString(), refused.getCause() instanceof SwitchRejectedException);
        assertEquals(List.of(), resets);
    }

    /** A switch that refuses everything. */
    private final class RefusingWriter implements FlowWriter {
        private <T> ListenableFuture<T> refused() {
            return Futures.immediateFailedFuture(new SwitchRejectedException(refusal));
        }

        @Override
        public ListenableFuture<?> add(final String node, final FlowSpec flow) {
            return refused();
        }

        @Override
        public ListenableFuture<?> remove(final String node, final short table, final long cookie) {
            return refused();
        }

        @Override
        public ListenableFuture<?> bundle(final String node, final SwitchChanges changes) {
            return refused();
        }

        @Override
        public ListenableFuture<?> replace(final String node, final List<FlowSpec> flows,
                final Map<Integer, Long> seals) {
            return refused();
        }

        @Override
        public ListenableFuture<Map<Integer, Seal>> seals(final String node) {
            return refused();
        }

        @Override
        public ListenableFuture<Long> countFlows(final String node) {
            return refused();
        }

        @Override
        public ListenableFuture<Map<Long, Short>> installedFlows(final String node) {
            return refused();
        }
    }
}
