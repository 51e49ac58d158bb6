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
import java.util.HashMap;
import java.util.Map;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.OpendaylightDirectStatisticsService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.SalFlowService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.and.statistics.map.list.FlowAndStatisticsMapList;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * {@link FlowWriter} over OpenFlowPlugin's flow RPCs ({@code sal-flow}) and its direct statistics RPC (to read
 * the flows back from the switch itself, not from a datastore copy).
 */
public final class RpcFlowWriter implements FlowWriter {
    private final SalFlowService flows;
    private final OpendaylightDirectStatisticsService statistics;

    public RpcFlowWriter(final SalFlowService flows, final OpendaylightDirectStatisticsService statistics) {
        this.flows = requireNonNull(flows);
        this.statistics = requireNonNull(statistics);
    }

    @Override
    public ListenableFuture<?> add(final String openflowNodeId, final FlowSpec flow) {
        return successful(flows.addFlow(OpenFlowInputs.addFlow(openflowNodeId, flow)), "add " + flow);
    }

    @Override
    public ListenableFuture<?> remove(final String openflowNodeId, final short table, final long cookie) {
        return successful(flows.removeFlow(OpenFlowInputs.removeFlow(openflowNodeId, table, cookie)),
            "remove cookie 0x" + Long.toHexString(cookie));
    }

    @Override
    public ListenableFuture<Map<Long, Short>> installedFlows(final String openflowNodeId) {
        final ListenableFuture<? extends RpcResult<? extends
                org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.FlowAndStatisticsMapList>>
            reply = statistics.getFlowStatistics(new GetFlowStatisticsInputBuilder()
                .setNode(OpenFlowInputs.nodeRef(openflowNodeId))
                .setStoreStats(false)
                .setCookie(new FlowCookie(Uint64.fromLongBits(Pipeline.FLOWTUN_COOKIE)))
                .setCookieMask(new FlowCookie(Uint64.fromLongBits(Pipeline.FLOWTUN_COOKIE_MASK)))
                .build());
        return Futures.transform(successful(reply, "read flows"), result -> {
            final Map<Long, Short> installed = new HashMap<>();
            final var list = result.getResult().getFlowAndStatisticsMapList();
            if (list != null) {
                for (FlowAndStatisticsMapList flow : list) {
                    final long cookie = flow.getCookie().getValue().longValue();
                    if ((cookie & Pipeline.FLOWTUN_COOKIE_MASK) == Pipeline.FLOWTUN_COOKIE) {
                        installed.put(cookie, flow.getTableId().toJava());
                    }
                }
            }
            return installed;
        }, MoreExecutors.directExecutor());
    }

    private static <T extends RpcResult<?>> ListenableFuture<T> successful(final ListenableFuture<T> reply,
            final String what) {
        return Futures.transform(reply, result -> {
            if (!result.isSuccessful()) {
                throw new IllegalStateException(what + " failed: " + result.getErrors());
            }
            return result;
        }, MoreExecutors.directExecutor());
    }
}
