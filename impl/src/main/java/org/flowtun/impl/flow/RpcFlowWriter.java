/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Lists;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.OpendaylightDirectStatisticsService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.SalFlowService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.and.statistics.map.list.FlowAndStatisticsMapList;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.SalBundleService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.messages.Message;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.rev170124.BundleControlType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.rev170124.BundleId;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FlowWriter} over OpenFlowPlugin's flow RPCs ({@code sal-flow}), its bundle RPCs ({@code sal-bundle}) and
 * its direct statistics RPC (to read the flows back from the switch itself, not from a datastore copy).
 */
public final class RpcFlowWriter implements FlowWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RpcFlowWriter.class);
    /** Flow-mods per add-bundle-messages call (each call's input is copied whole through MD-SAL's RPC codec). */
    static final int BUNDLE_CHUNK = 1000;

    private final SalFlowService flows;
    private final SalBundleService bundles;
    private final OpendaylightDirectStatisticsService statistics;
    private final Executor bundleExecutor;
    private final AtomicInteger nextBundleId = new AtomicInteger();

    /**
     * Creates a writer.
     *
     * @param bundleExecutor one thread, which sends every bundle: OpenFlowPlugin converts bundle messages with one
     *     shared, unsynchronised converter, so two threads adding bundle messages at once could mix up their
     *     transaction ids
     */
    public RpcFlowWriter(final SalFlowService flows, final SalBundleService bundles,
            final OpendaylightDirectStatisticsService statistics, final Executor bundleExecutor) {
        this.flows = requireNonNull(flows);
        this.bundles = requireNonNull(bundles);
        this.statistics = requireNonNull(statistics);
        this.bundleExecutor = requireNonNull(bundleExecutor);
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

    /** Sent from the bundle thread, so that the caller goes on while OpenFlowPlugin converts the messages. */
    @Override
    public ListenableFuture<?> bundle(final String openflowNodeId, final List<FlowSpec> adds,
            final Map<Long, Short> removes) {
        final BundleId id = new BundleId(Uint32.fromIntBits(nextBundleId.incrementAndGet()));
        final String what = "bundle " + id.getValue() + " (" + adds.size() + " adds, " + removes.size() + " removes)";
        final ListenableFuture<?> committed = Futures.submitAsync(() -> send(openflowNodeId, id, what, adds, removes),
            bundleExecutor);
        return Futures.catchingAsync(committed, Throwable.class, error -> {
            // the switch drops an open bundle when the connection closes; discard it now so it holds nothing
            Futures.addCallback(bundles.controlBundle(BundleInputs.control(openflowNodeId, id,
                BundleControlType.ONFBCTDISCARDREQUEST)), new LoggingCallback(what + ": discard"),
                MoreExecutors.directExecutor());
            return Futures.immediateFailedFuture(error);
        }, bundleExecutor);
    }

    /**
     * Open, messages, commit: sent at once, in order on the one connection. The future fails with the first step
     * the switch refuses; a switch may still commit the messages it took, so after a failure what it holds is
     * unknown (the reconciler reads it again).
     */
    private ListenableFuture<?> send(final String openflowNodeId, final BundleId id, final String what,
            final List<FlowSpec> adds, final Map<Long, Short> removes) {
        final long start = System.nanoTime();
        final List<ListenableFuture<?>> steps = new ArrayList<>();
        steps.add(successful(bundles.controlBundle(
            BundleInputs.control(openflowNodeId, id, BundleControlType.ONFBCTOPENREQUEST)), what + ": open"));
        for (List<Message> chunk : Lists.partition(BundleInputs.messages(openflowNodeId, adds, removes),
                BUNDLE_CHUNK)) {
            steps.add(successful(bundles.addBundleMessages(BundleInputs.add(openflowNodeId, id, chunk)),
                what + ": add"));
        }
        steps.add(successful(bundles.controlBundle(
            BundleInputs.control(openflowNodeId, id, BundleControlType.ONFBCTCOMMITREQUEST)), what + ": commit"));
        final long sent = System.nanoTime();
        return Futures.transform(Futures.allAsList(steps), ignored -> {
            LOG.debug("{} on {}: sent in {} ms, committed {} ms later", what, openflowNodeId,
                (sent - start) / 1_000_000, (System.nanoTime() - sent) / 1_000_000);
            return ignored;
        }, MoreExecutors.directExecutor());
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

    /** Logs the outcome of a request nobody waits for. */
    private static final class LoggingCallback implements FutureCallback<Object> {
        private final String what;

        LoggingCallback(final String what) {
            this.what = what;
        }

        @Override
        public void onSuccess(final Object result) {
            LOG.debug("{} done", what);
        }

        @Override
        public void onFailure(final Throwable cause) {
            LOG.debug("{} failed: {}", what, cause.getMessage());
        }
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
