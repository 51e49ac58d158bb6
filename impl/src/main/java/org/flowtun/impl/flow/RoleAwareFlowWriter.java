/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opendaylight.yang.gen.v1.urn.opendaylight.role.service.rev150727.OfpRole;
import org.opendaylight.yang.gen.v1.urn.opendaylight.role.service.rev150727.SalRoleService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.role.service.rev150727.SetRoleInputBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A switch's writer on its master member that puts a lost OpenFlow role right. In a cluster, a member resumed after
 * a pause can still claim the master role on the switch from its OpenFlowPlugin while the cluster made another
 * member master: the switch then refuses the real master's requests as from a slave ({@code ISSLAVE}). Such a
 * refusal is not the switch refusing the request (the request is retried as it was, after the usual
 * resynchronisation delay), and this member asks OpenFlowPlugin to claim the master role on the switch again.
 */
public final class RoleAwareFlowWriter implements FlowWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RoleAwareFlowWriter.class);
    private static final String IS_SLAVE = "ISSLAVE";
    /** At most one role claim per switch in this time. */
    private static final long CLAIM_INTERVAL_NANOS = 5_000_000_000L;

    private final FlowWriter writer;
    private final SalRoleService roles;
    private final Map<String, Long> lastClaim = new ConcurrentHashMap<>();

    public RoleAwareFlowWriter(final FlowWriter writer, final SalRoleService roles) {
        this.writer = requireNonNull(writer);
        this.roles = requireNonNull(roles);
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
    public ListenableFuture<?> replace(final String openflowNodeId, final List<FlowSpec> flows) {
        return watched(openflowNodeId, writer.replace(openflowNodeId, flows));
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
            claimMaster(openflowNodeId);
            return Futures.immediateFailedFuture(new IllegalStateException(openflowNodeId
                + " takes this member for a slave, though the cluster made it its master: " + refusal.getMessage()));
        }, MoreExecutors.directExecutor());
    }

    private void claimMaster(final String openflowNodeId) {
        final long now = System.nanoTime();
        final Long last = lastClaim.get(openflowNodeId);
        if (last != null && now - last < CLAIM_INTERVAL_NANOS) {
            return;
        }
        lastClaim.put(openflowNodeId, now);
        LOG.warn("{} takes this member, its master, for a slave: claiming the master role on it again",
            openflowNodeId);
        Futures.addCallback(roles.setRole(new SetRoleInputBuilder().setNode(OpenFlowInputs.nodeRef(openflowNodeId))
            .setControllerRole(OfpRole.BECOMEMASTER).build()), new FutureCallback<Object>() {
                @Override
                public void onSuccess(final Object result) {
                    LOG.info("{}: master role claimed again", openflowNodeId);
                }

                @Override
                public void onFailure(final Throwable cause) {
                    LOG.warn("{}: could not claim the master role again: {}", openflowNodeId, cause.getMessage());
                }
            }, MoreExecutors.directExecutor());
    }
}
