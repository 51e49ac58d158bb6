/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.Lists;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.OpendaylightDirectStatisticsService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.SalFlowService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.GetAggregateFlowStatisticsFromFlowTableForGivenMatchInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.GetAggregateFlowStatisticsFromFlowTableForGivenMatchOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.OpendaylightFlowStatisticsService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.and.statistics.map.list.FlowAndStatisticsMapList;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.get.aggregate.flow.statistics.from.flow.table._for.given.match.output.AggregatedFlowStatistics;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.SalBundleService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.messages.Message;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.rev170124.BundleControlType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.rev170124.BundleId;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FlowWriter} over OpenFlowPlugin's flow RPCs ({@code sal-flow}), its bundle RPCs ({@code sal-bundle}), its
 * direct statistics RPC (to read the flows back from the switch itself, not from a datastore copy) and its aggregate
 * flow statistics RPC (to count them).
 */
public final class RpcFlowWriter implements FlowWriter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcFlowWriter.class);
    /** Flow-mods per add-bundle-messages call (each call's input is copied whole through MD-SAL's RPC codec). */
    static final int BUNDLE_CHUNK = 1000;
    /**
     * Chunks of a bundle unanswered at a time: 10,000 messages, well under OpenFlowPlugin's per-switch quota of
     * 20,000 requests (a larger bundle, such as a whole switch's flows replaced at once, would exceed it).
     */
    static final int CHUNKS_IN_FLIGHT = 10;

    private final SalFlowService flows;
    private final SalBundleService bundles;
    private final OpendaylightDirectStatisticsService statistics;
    private final OpendaylightFlowStatisticsService flowStatistics;
    /**
     * One thread, which sends every bundle, so that the caller goes on meanwhile: OpenFlowPlugin converts bundle
     * messages with one shared, unsynchronised converter, so two threads adding bundle messages at once could mix
     * up their transaction ids.
     */
    private final ExecutorService bundleExecutor = Executors.newSingleThreadExecutor(
        new ThreadFactoryBuilder().setNameFormat("flowtun-bundles").setDaemon(true).build());
    private final AtomicInteger nextBundleId = new AtomicInteger();

    public RpcFlowWriter(final SalFlowService flows, final SalBundleService bundles,
            final OpendaylightDirectStatisticsService statistics,
            final OpendaylightFlowStatisticsService flowStatistics) {
        this.flows = requireNonNull(flows);
        this.bundles = requireNonNull(bundles);
        this.statistics = requireNonNull(statistics);
        this.flowStatistics = requireNonNull(flowStatistics);
    }

    @Override
    public ListenableFuture<?> add(final String openflowNodeId, final FlowSpec flow) {
        checkArgument(flow.groups().isEmpty(), "a flow with groups goes in a bundle: %s", flow);
        return successful(flows.addFlow(OpenFlowInputs.addFlow(openflowNodeId, flow)), "add " + flow);
    }

    @Override
    public ListenableFuture<?> remove(final String openflowNodeId, final short table, final long cookie) {
        return successful(flows.removeFlow(OpenFlowInputs.removeFlow(openflowNodeId, table, cookie)),
            "remove cookie 0x" + Long.toHexString(cookie));
    }

    /** Sent from the bundle thread, so that the caller goes on while OpenFlowPlugin converts the messages. */
    @Override
    public ListenableFuture<?> bundle(final String openflowNodeId, final SwitchChanges changes) {
        return sendBundle(openflowNodeId, changes.toString(), () -> BundleInputs.messages(openflowNodeId, changes));
    }

    @Override
    public ListenableFuture<?> replace(final String openflowNodeId, final List<FlowSpec> wanted,
            final Map<Integer, Long> seals) {
        return sendBundle(openflowNodeId, "replacing every flowtun flow by " + wanted.size(),
            () -> BundleInputs.replacement(openflowNodeId, wanted, seals));
    }

    private ListenableFuture<?> sendBundle(final String openflowNodeId, final String content,
            final Supplier<List<Message>> messages) {
        final BundleId id = new BundleId(Uint32.fromIntBits(nextBundleId.incrementAndGet()));
        final String what = "bundle " + id.getValue() + " (" + content + ")";
        final ListenableFuture<?> committed = Futures.submitAsync(
            () -> send(openflowNodeId, id, what, messages.get()), bundleExecutor);
        return Futures.catchingAsync(committed, Throwable.class, error -> {
            // the switch drops an open bundle when the connection closes; discard it now so it holds nothing
            Futures.addCallback(bundles.controlBundle(BundleInputs.control(openflowNodeId, id,
                BundleControlType.ONFBCTDISCARDREQUEST)), new LoggingCallback(what + ": discard"),
                MoreExecutors.directExecutor());
            return Futures.immediateFailedFuture(error);
        }, bundleExecutor);
    }

    /**
     * Open, messages, commit, in order on the one connection; the messages in chunks, at most
     * {@link #CHUNKS_IN_FLIGHT} of them unanswered (OpenFlowPlugin counts each message against its per-switch
     * request quota), the commit once every chunk is answered. The future fails with the first step the switch
     * refuses; a switch may still commit the messages it took, so after a failure what it holds is unknown (the
     * reconciler makes sure of it again).
     */
    private ListenableFuture<?> send(final String openflowNodeId, final BundleId id, final String what,
            final List<Message> messages) {
        final long start = System.nanoTime();
        final ListenableFuture<?> opened = successful(bundles.controlBundle(
            BundleInputs.control(openflowNodeId, id, BundleControlType.ONFBCTOPENREQUEST)), what + ": open");
        final ListenableFuture<?> added = new ChunkSender(openflowNodeId, id, what,
            Lists.partition(messages, BUNDLE_CHUNK)).start();
        final ListenableFuture<?> committed = Futures.transformAsync(Futures.allAsList(opened, added),
            ignored -> successful(bundles.controlBundle(BundleInputs.control(openflowNodeId, id,
                BundleControlType.ONFBCTCOMMITREQUEST)), what + ": commit"), bundleExecutor);
        return Futures.transform(committed, ignored -> {
            LOG.debug("{} on {}: {} messages sent and committed in {} ms", what, openflowNodeId, messages.size(),
                (System.nanoTime() - start) / 1_000_000);
            return ignored;
        }, MoreExecutors.directExecutor());
    }

    /** Sends a bundle's chunks in order, a bounded number unanswered; confined to the bundle thread. */
    private final class ChunkSender {
        private final String openflowNodeId;
        private final BundleId id;
        private final String what;
        private final List<List<Message>> chunks;
        private final SettableFuture<Void> done = SettableFuture.create();
        private int next;
        private int unanswered;

        ChunkSender(final String openflowNodeId, final BundleId id, final String what,
                final List<List<Message>> chunks) {
            this.openflowNodeId = openflowNodeId;
            this.id = id;
            this.what = what;
            this.chunks = chunks;
        }

        ListenableFuture<Void> start() {
            sendMore();
            return done;
        }

        private void sendMore() {
            if (next == chunks.size() && unanswered == 0) {
                done.set(null);
                return;
            }
            while (!done.isDone() && next < chunks.size() && unanswered < CHUNKS_IN_FLIGHT) {
                final List<Message> chunk = chunks.get(next++);
                unanswered++;
                Futures.addCallback(successful(bundles.addBundleMessages(
                    BundleInputs.add(openflowNodeId, id, chunk)), what + ": add"), new FutureCallback<Object>() {
                        @Override
                        public void onSuccess(final Object result) {
                            unanswered--;
                            sendMore();
                        }

                        @Override
                        public void onFailure(final Throwable cause) {
                            done.setException(cause);
                        }
                    }, bundleExecutor);
            }
        }
    }

    @Override
    public ListenableFuture<Long> countFlows(final String openflowNodeId) {
        final var reply = flowStatistics.getAggregateFlowStatisticsFromFlowTableForGivenMatch(
            new GetAggregateFlowStatisticsFromFlowTableForGivenMatchInputBuilder()
                .setNode(OpenFlowInputs.nodeRef(openflowNodeId))
                .setMatch(new MatchBuilder().build())
                .setCookie(new FlowCookie(Uint64.fromLongBits(Pipeline.FLOWTUN_COOKIE)))
                .setCookieMask(new FlowCookie(Uint64.fromLongBits(Pipeline.FLOWTUN_COOKIE_MASK)))
                .build());
        return Futures.transform(successful(reply, "count flows"), RpcFlowWriter::flowCount,
            MoreExecutors.directExecutor());
    }

    private static Long flowCount(
            final RpcResult<GetAggregateFlowStatisticsFromFlowTableForGivenMatchOutput> result) {
        long count = 0;
        for (AggregatedFlowStatistics stats : result.getResult().nonnullAggregatedFlowStatistics()) {
            if (stats.getFlowCount() != null) {
                count += stats.getFlowCount().getValue().longValue();
            }
        }
        return count;
    }

    @Override
    public ListenableFuture<Map<Long, Short>> installedFlows(final String openflowNodeId) {
        final GetFlowStatisticsInputBuilder input = new GetFlowStatisticsInputBuilder()
            .setCookie(new FlowCookie(Uint64.fromLongBits(Pipeline.FLOWTUN_COOKIE)))
            .setCookieMask(new FlowCookie(Uint64.fromLongBits(Pipeline.FLOWTUN_COOKIE_MASK)));
        return Futures.transform(readFlows(openflowNodeId, input, "read flows"), RpcFlowWriter::flowtunCookies,
            MoreExecutors.directExecutor());
    }

    @Override
    public ListenableFuture<Map<Integer, Seal>> seals(final String openflowNodeId) {
        final GetFlowStatisticsInputBuilder input = new GetFlowStatisticsInputBuilder()
            .setTableId(Uint8.valueOf(Pipeline.SEAL_TABLE))
            .setCookie(new FlowCookie(Uint64.fromLongBits(Pipeline.SEAL_COOKIE)))
            .setCookieMask(new FlowCookie(Uint64.fromLongBits(Pipeline.SEAL_COOKIE_MASK)));
        return Futures.transform(readFlows(openflowNodeId, input, "read seals"), RpcFlowWriter::sealsIn,
            MoreExecutors.directExecutor());
    }

    /** The switch's flows that {@code input} selects, read from the switch itself (not stored anywhere). */
    private ListenableFuture<? extends RpcResult<? extends
            org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.FlowAndStatisticsMapList>>
            readFlows(final String openflowNodeId, final GetFlowStatisticsInputBuilder input, final String what) {
        return successful(statistics.getFlowStatistics(input.setNode(OpenFlowInputs.nodeRef(openflowNodeId))
            .setStoreStats(false).build()), what);
    }

    /** The seals in a flow statistics reply of the seal table: index (priority - 1) to seal. */
    private static Map<Integer, Seal> sealsIn(final RpcResult<? extends
            org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.FlowAndStatisticsMapList> result) {
        final Map<Integer, Seal> seals = new HashMap<>();
        final var list = result.getResult().getFlowAndStatisticsMapList();
        if (list != null) {
            for (FlowAndStatisticsMapList flow : list) {
                final var cookie = flow.getCookie();
                final var priority = flow.getPriority();
                final var table = flow.getTableId();
                final var duration = flow.getDuration();
                final var seconds = duration == null ? null : duration.getSecond();
                if (cookie == null || priority == null || table == null || seconds == null) {
                    continue;
                }
                final long value = cookie.getValue().longValue();
                final int index = priority.toJava() - 1;
                if ((value & Pipeline.SEAL_COOKIE_MASK) == Pipeline.SEAL_COOKIE && index >= 0
                        && index < Pipeline.SEALS && table.toJava() == Pipeline.SEAL_TABLE) {
                    seals.put(index, new Seal(value, seconds.getValue().longValue()));
                }
            }
        }
        return seals;
    }

    /** The flowtun flows in a flow statistics reply: cookie to table. */
    private static Map<Long, Short> flowtunCookies(final RpcResult<? extends
            org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.FlowAndStatisticsMapList> result) {
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
    }

    @Override
    public void close() {
        bundleExecutor.shutdownNow();
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
                if (result.getErrors().isEmpty()) {
                    throw new IllegalStateException(what + " failed, with no error from the switch");
                }
                throw new SwitchRejectedException(what + " failed: " + result.getErrors());
            }
            return result;
        }, MoreExecutors.directExecutor());
    }
}
