/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowtun.impl.flow.FlowSpec;

/**
 * Answers "is what flowtun wants on a node on its switch": the flows the locality apps want there, each checked
 * against a fresh read of the switch's own flowtun flows (by cookie), and the flowtun flows the switch holds that
 * nobody wants. For operators (the {@code flowtun:flows} and {@code flowtun:nodes} commands); never on a hot path.
 */
public interface FlowDiagnostics {
    /** Whether an expected flow is on the switch. */
    enum Status {
        INSTALLED,
        MISSING,
        /** The node's switch is not connected over OpenFlow: nothing can be checked. */
        NOT_CONNECTED
    }

    /** One expected flow, who wants it, and whether the switch has it. */
    final class Row {
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
    final class Report {
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

    /** A node's switch (null: not connected) and how many flows flowtun wants there. */
    final class NodeSummary {
        private final String openflowNodeId;
        private final int flows;
        private final Set<String> unreachablePhysicalNetworks;

        NodeSummary(final String openflowNodeId, final int flows, final Set<String> unreachablePhysicalNetworks) {
            this.openflowNodeId = openflowNodeId;
            this.flows = flows;
            this.unreachablePhysicalNetworks = Set.copyOf(unreachablePhysicalNetworks);
        }

        /**
         * The physical networks the node needs and does not reach (no bridge mapping for them, or the mapped bridge
         * is missing): the remote ports of their networks have no locality there.
         */
        public Set<String> unreachablePhysicalNetworks() {
            return unreachablePhysicalNetworks;
        }

        public String openflowNodeId() {
            return openflowNodeId;
        }

        public int flows() {
            return flows;
        }
    }

    /** Every node the locality service knows: its switch and how many flows flowtun wants there. */
    ListenableFuture<Map<String, NodeSummary>> nodeSummaries();

    /** Checks the node's expected flows against its switch. */
    ListenableFuture<Report> check(String node);
}
