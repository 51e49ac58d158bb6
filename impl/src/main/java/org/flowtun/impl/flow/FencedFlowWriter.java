/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flow writer of one owner's term: passes a request on only while the fence is open (see
 * {@link org.flowtun.impl.cluster.WriteFence}); otherwise it fails at once, as a passing failure (the reconciler
 * resynchronises the switch later, if this member still owns the jobs then). Reads pass too: they change nothing.
 */
public final class FencedFlowWriter implements FlowWriter {
    private static final Logger LOG = LoggerFactory.getLogger(FencedFlowWriter.class);

    private final FlowWriter writer;
    private final BooleanSupplier open;

    public FencedFlowWriter(final FlowWriter writer, final BooleanSupplier open) {
        this.writer = requireNonNull(writer);
        this.open = requireNonNull(open);
    }

    @Override
    public ListenableFuture<?> add(final String openflowNodeId, final FlowSpec flow) {
        return fenced(openflowNodeId, () -> writer.add(openflowNodeId, flow));
    }

    @Override
    public ListenableFuture<?> remove(final String openflowNodeId, final short table, final long cookie) {
        return fenced(openflowNodeId, () -> writer.remove(openflowNodeId, table, cookie));
    }

    @Override
    public ListenableFuture<?> bundle(final String openflowNodeId, final SwitchChanges changes) {
        return fenced(openflowNodeId, () -> writer.bundle(openflowNodeId, changes));
    }

    @Override
    public ListenableFuture<?> replace(final String openflowNodeId, final List<FlowSpec> flows,
            final Map<Integer, Long> seals) {
        return fenced(openflowNodeId, () -> writer.replace(openflowNodeId, flows, seals));
    }

    @Override
    public ListenableFuture<Map<Integer, Seal>> seals(final String openflowNodeId) {
        return writer.seals(openflowNodeId);
    }

    @Override
    public ListenableFuture<Long> countFlows(final String openflowNodeId) {
        return writer.countFlows(openflowNodeId);
    }

    @Override
    public ListenableFuture<Map<Long, Short>> installedFlows(final String openflowNodeId) {
        return writer.installedFlows(openflowNodeId);
    }

    private ListenableFuture<?> fenced(final String openflowNodeId, final Supplier<ListenableFuture<?>> write) {
        if (open.getAsBoolean()) {
            return write.get();
        }
        LOG.info("{}: write refused: this member was stopped a moment ago and may no longer own flowtun's jobs",
            openflowNodeId);
        return Futures.immediateFailedFuture(new IllegalStateException(openflowNodeId
            + ": not written: this member was stopped a moment ago"));
    }
}
