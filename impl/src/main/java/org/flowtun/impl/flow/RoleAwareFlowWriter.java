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
import com.google.common.util.concurrent.MoreExecutors;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A switch's writer on its master member that puts a lost OpenFlow role right. In a cluster, a member resumed after
 * a pause can, for a moment, act on its ownership from before the pause and claim the master role on the switch
 * from its OpenFlowPlugin while the cluster made another member master: the switch then refuses the real master's
 * requests as from a slave ({@code ISSLAVE}). Such a refusal is not the switch refusing the request (the request is
 * retried as it was, after the usual resynchronisation delay), and this member drops its connection to the switch
 * ({@link SwitchConnectionReset}) so that the cluster's mastership moves to a member the switch can take as master.
 */
public final class RoleAwareFlowWriter implements FlowWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RoleAwareFlowWriter.class);
    private static final String IS_SLAVE = "ISSLAVE";
    /** At most one connection reset per switch in this time: the mastership moves and the target comes back. */
    private static final long RESET_INTERVAL_NANOS = 15_000_000_000L;

    private final FlowWriter writer;
    private final Consumer<String> resetConnection;
    private final Map<String, Long> lastReset = new ConcurrentHashMap<>();

    public RoleAwareFlowWriter(final FlowWriter writer, final SwitchConnectionReset reset) {
        this(writer, (Consumer<String>) reset::reset);
    }

    RoleAwareFlowWriter(final FlowWriter writer, final Consumer<String> resetConnection) {
        this.writer = requireNonNull(writer);
        this.resetConnection = requireNonNull(resetConnection);
    }

    @Override
    public ListenableFuture<?> add(final String openflowNodeId, final FlowSpec flow) {
        return watched(openflowNodeId, writer.add(openflowNodeId, flow));
    }

    @Override
    public ListenableFuture<?> remove(final String openflowNodeId, final short table, final long cookie) {
        return watched(openflowNodeId, writer.remove(openflowNodeId, table, cookie));
    }

    @Override
    public ListenableFuture<?> bundle(final String openflowNodeId, final SwitchChanges changes) {
        return watched(openflowNodeId, writer.bundle(openflowNodeId, changes));
    }

    @Override
    public ListenableFuture<?> replace(final String openflowNodeId, final List<FlowSpec> flows,
            final Map<Integer, Long> seals) {
        return watched(openflowNodeId, writer.replace(openflowNodeId, flows, seals));
    }

    @Override
    public ListenableFuture<Map<Integer, Seal>> seals(final String openflowNodeId) {
        return watched(openflowNodeId, writer.seals(openflowNodeId));
    }

    @Override
    public ListenableFuture<Long> countFlows(final String openflowNodeId) {
        return watched(openflowNodeId, writer.countFlows(openflowNodeId));
    }

    @Override
    public ListenableFuture<Map<Long, Short>> installedFlows(final String openflowNodeId) {
        return watched(openflowNodeId, writer.installedFlows(openflowNodeId));
    }

    private <T> ListenableFuture<T> watched(final String openflowNodeId, final ListenableFuture<T> reply) {
        return Futures.catchingAsync(reply, SwitchRejectedException.class, refusal -> {
            if (refusal.getMessage() == null || !refusal.getMessage().contains(IS_SLAVE)) {
                return Futures.immediateFailedFuture(refusal);
            }
            resetOnce(openflowNodeId);
            return Futures.immediateFailedFuture(new IllegalStateException(openflowNodeId
                + " takes this member for a slave, though the cluster made it its master: " + refusal.getMessage()));
        }, MoreExecutors.directExecutor());
    }

    private void resetOnce(final String openflowNodeId) {
        final long now = System.nanoTime();
        final Long last = lastReset.get(openflowNodeId);
        if (last != null && now - last < RESET_INTERVAL_NANOS) {
            return;
        }
        lastReset.put(openflowNodeId, now);
        LOG.warn("{} takes this member, its master in the cluster, for a slave (another member claimed the role)",
            openflowNodeId);
        resetConnection.accept(openflowNodeId);
    }
}
