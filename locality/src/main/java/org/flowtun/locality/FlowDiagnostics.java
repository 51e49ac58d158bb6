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
import org.flowtun.impl.flow.ExpectedFlows;
import org.flowtun.impl.flow.FlowReconciler;
import org.flowtun.impl.flow.FlowSpec;
import org.flowtun.impl.flow.FlowWriter;

/**
 * Answers "is what flowtun wants on a node on its switch": the flows the locality apps want there, each checked
 * against a fresh read of the switch's own flowtun flows (by cookie), and the flowtun flows the switch holds that
 * nobody wants. For operators (the {@code flowtun:flows} command); never on a hot path.
 */
public final class FlowDiagnostics {
    /** Whether an expected flow is on the switch. */
    public enum Status {
        INSTALLED,
        MISSING,
        /** The node's switch is not connected over OpenFlow: nothing can be checked. */
        NOT_CONNECTED
    }

    /** One expected flow, who wants it, and whether the switch has it. */
    public static final class Row {
        private final FlowSpec flow;
        private final String owner;
        private final Status status;

        Row(final FlowSpec flow, final String owner, final Status status) {
            this.flow = flow;
            this.owner = owner;
            this.status = status;
        }

        public FlowSpec flow() {
            return flow;
        }

        /** {@code lport:<id>} or {@code network:<id>}. */
        public String owner() {
            return owner;
        }

        public Status status() {
            return status;
        }
    }

    /** The check of one node. */
    public static final class Report {
        private final String openflowNodeId;
        private final List<Row> rows;
        private final int unexpected;

        Report(final String openflowNodeId, final List<Row> rows, final int unexpected) {
            this.openflowNodeId = openflowNodeId;
            this.rows = List.copyOf(rows);
            this.unexpected = unexpected;
        }

        /** The switch's OpenFlow node, or null when it is not connected. */
        public String openflowNodeId() {
            return openflowNodeId;
        }

        /** The expected flows, by table, priority and text. */
        public List<Row> rows() {
            return rows;
        }

        /** flowtun flows on the switch that no app wants (removed at the next reconciliation). */
        public int unexpected() {
            return unexpected;
        }
    }

    private final Executor localityThread;
    private final FlowReconciler reconciler;
    private final FlowWriter writer;

    FlowDiagnostics(final Executor localityThread, final FlowReconciler reconciler, final FlowWriter writer) {
        this.localityThread = requireNonNull(localityThread);
        this.reconciler = requireNonNull(reconciler);
        this.writer = requireNonNull(writer);
    }

    /** A node's switch (null: not connected) and how many flows flowtun wants there. */
    public static final class NodeSummary {
        private final String openflowNodeId;
        private final int flows;

        NodeSummary(final String openflowNodeId, final int flows) {
            this.openflowNodeId = openflowNodeId;
            this.flows = flows;
        }

        public String openflowNodeId() {
            return openflowNodeId;
        }

        public int flows() {
            return flows;
        }
    }

    /** Every node the locality service knows, summarised on the locality thread (no flow is copied). */
    public ListenableFuture<Map<String, NodeSummary>> nodeSummaries() {
        return onLocalityThread(() -> {
            final Map<String, NodeSummary> all = new HashMap<>();
            reconciler.nodes().forEach(node -> all.put(node, new NodeSummary(reconciler.openflowNodeId(node),
                reconciler.flowCount(node))));
            return all;
        });
    }

    /** Checks the node's expected flows against its switch. */
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
