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
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun._switch.rev261207.FlowtunSwitchService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun._switch.rev261207.WriteToSwitchInputBuilder;

/**
 * The {@link FlowWriter} flowtun's jobs use: a switch whose OpenFlow master is this member is written at once through
 * OpenFlowPlugin's RPCs here ({@link RpcFlowWriter}); any other switch through its master member, which runs the
 * same request there ({@code flowtun-switch:write-to-switch}, routed by the switch). A single controller is every
 * switch's master: nothing crosses anything.
 */
public final class MasterFlowWriter implements FlowWriter {
    /** Whether this member is a switch's OpenFlow master. */
    @FunctionalInterface
    public interface Mastership {
        boolean isMaster(String openflowNodeId);
    }

    private final FlowWriter local;
    private final FlowtunSwitchService remote;
    private final Mastership masters;

    public MasterFlowWriter(final FlowWriter local, final FlowtunSwitchService remote, final Mastership masters) {
        this.local = requireNonNull(local);
        this.remote = requireNonNull(remote);
        this.masters = requireNonNull(masters);
    }

    @Override
    public ListenableFuture<?> add(final String openflowNodeId, final FlowSpec flow) {
        return masters.isMaster(openflowNodeId) ? local.add(openflowNodeId, flow)
            : send(openflowNodeId, SwitchRequest.add(flow), Object.class);
    }

    @Override
    public ListenableFuture<?> remove(final String openflowNodeId, final short table, final long cookie) {
        return masters.isMaster(openflowNodeId) ? local.remove(openflowNodeId, table, cookie)
            : send(openflowNodeId, SwitchRequest.remove(table, cookie), Object.class);
    }

    @Override
    public ListenableFuture<?> bundle(final String openflowNodeId, final SwitchChanges changes) {
        return masters.isMaster(openflowNodeId) ? local.bundle(openflowNodeId, changes)
            : send(openflowNodeId, SwitchRequest.bundle(changes), Object.class);
    }

    @Override
    public ListenableFuture<?> replace(final String openflowNodeId, final List<FlowSpec> flows,
            final Map<Integer, Long> seals) {
        return masters.isMaster(openflowNodeId) ? local.replace(openflowNodeId, flows, seals)
            : send(openflowNodeId, SwitchRequest.replace(flows, seals), Object.class);
    }


    @Override
    public ListenableFuture<Long> countFlows(final String openflowNodeId) {
        return masters.isMaster(openflowNodeId) ? local.countFlows(openflowNodeId)
            : send(openflowNodeId, SwitchRequest.countFlows(), Long.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public ListenableFuture<Map<Long, Short>> installedFlows(final String openflowNodeId) {
        if (masters.isMaster(openflowNodeId)) {
            return local.installedFlows(openflowNodeId);
        }
        return Futures.transform(send(openflowNodeId, SwitchRequest.installedFlows(), Map.class),
            map -> (Map<Long, Short>) map, MoreExecutors.directExecutor());
    }

    /** The request through the switch's master; its answer, or its failure as the master saw it. */
    private <T> ListenableFuture<T> send(final String openflowNodeId, final SwitchRequest request,
            final Class<T> answerType) {
        return Futures.transform(remote.writeToSwitch(new WriteToSwitchInputBuilder()
            .setNode(OpenFlowInputs.nodeRef(openflowNodeId)).setRequest(SwitchRequest.encode(request)).build()),
            result -> {
                if (!result.isSuccessful() || result.getResult() == null || result.getResult().getResult() == null) {
                    throw new IllegalStateException(openflowNodeId + ": its master member did not answer: "
                        + result.getErrors());
                }
                final Object answer = SwitchRequest.decode(result.getResult().getResult(), Object.class);
                if (answer instanceof SwitchRequestHandler.Failure) {
                    throw ((SwitchRequestHandler.Failure) answer).toException(openflowNodeId);
                }
                return answer == null ? null : answerType.cast(answer);
            }, MoreExecutors.directExecutor());
    }

    @Override
    @SuppressWarnings("unchecked")
    public ListenableFuture<Map<Integer, Seal>> seals(final String openflowNodeId) {
        if (masters.isMaster(openflowNodeId)) {
            return local.seals(openflowNodeId);
        }
        return Futures.transform(send(openflowNodeId, SwitchRequest.seals(), Map.class),
            map -> (Map<Integer, Seal>) map, MoreExecutors.directExecutor());
    }
}
