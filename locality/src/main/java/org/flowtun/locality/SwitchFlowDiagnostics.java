/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.ListenableFutureTask;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.flowtun.impl.flow.ExpectedFlows;
import org.flowtun.impl.flow.FlowReconciler;
import org.flowtun.impl.flow.FlowWriter;

/**
 * {@link FlowDiagnostics} from the flow reconciler's expected flows (read on the locality thread) and a fresh
 * read of the switch's flowtun flows through OpenFlowPlugin.
 */
final class SwitchFlowDiagnostics implements FlowDiagnostics {
    private final Executor localityThread;
    private final FlowReconciler<?> reconciler;
    private final FlowWriter writer;
    private final Function<String, Set<String>> unreachablePhysicalNetworks;

    SwitchFlowDiagnostics(final Executor localityThread, final FlowReconciler<?> reconciler, final FlowWriter writer,
            final Function<String, Set<String>> unreachablePhysicalNetworks) {
        this.localityThread = requireNonNull(localityThread);
        this.reconciler = requireNonNull(reconciler);
        this.writer = requireNonNull(writer);
        this.unreachablePhysicalNetworks = requireNonNull(unreachablePhysicalNetworks);
    }

    /** Summarised on the locality thread: no flow is copied. */
    @Override
    public ListenableFuture<Map<String, NodeSummary>> nodeSummaries() {
        return onLocalityThread(() -> {
            final Map<String, NodeSummary> all = new HashMap<>();
            reconciler.nodes().forEach(node -> all.put(node, new NodeSummary(reconciler.openflowNodeId(node),
                reconciler.flowCount(node), unreachablePhysicalNetworks.apply(node))));
            return all;
        });
    }

    @Override
    public ListenableFuture<Report> check(final String node) {
        return Futures.transformAsync(onLocalityThread(() -> reconciler.expectedFlows(node)), expected -> {
            if (expected.openflowNodeId() == null) {
                return Futures.immediateFuture(report(expected, null));
            }
            return Futures.transform(writer.installedFlows(expected.openflowNodeId()),
                onSwitch -> report(expected, onSwitch.keySet()), MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor());
    }

    private static Report report(final ExpectedFlows expected, final Set<Long> onSwitch) {
        final List<Row> rows = new ArrayList<>();
        final Set<Long> wanted = new HashSet<>();
        expected.owners().forEach((flow, owner) -> {
            wanted.add(flow.cookie());
            rows.add(new Row(flow, owner, onSwitch == null ? Status.NOT_CONNECTED
                : onSwitch.contains(flow.cookie()) ? Status.INSTALLED : Status.MISSING));
        });
        rows.sort(Comparator.comparingInt((Row row) -> row.flow().table())
            .thenComparing(row -> -row.flow().priority()).thenComparing(row -> row.flow().toString()));
        final int unexpected = onSwitch == null ? 0 : (int) onSwitch.stream().filter(c -> !wanted.contains(c)).count();
        return new Report(expected.openflowNodeId(), rows, unexpected);
    }

    private <T> ListenableFuture<T> onLocalityThread(final java.util.concurrent.Callable<T> task) {
        final ListenableFutureTask<T> future = ListenableFutureTask.create(task);
        localityThread.execute(future);
        return future;
    }
}
