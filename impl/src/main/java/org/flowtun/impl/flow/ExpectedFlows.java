/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import java.util.Map;

/**
 * A copy of what flowtun wants on one node's switch, taken by {@link FlowReconciler#expectedFlows}: each flow with
 * the owner that wants it (an lport, a network), and the OpenFlow node of the connected switch (or null).
 */
public final class ExpectedFlows {
    private final String openflowNodeId;
    private final Map<FlowSpec, String> owners;

    public ExpectedFlows(final String openflowNodeId, final Map<FlowSpec, String> owners) {
        this.openflowNodeId = openflowNodeId;
        this.owners = Map.copyOf(owners);
    }

    /** The connected switch, or null when it is not connected. */
    public String openflowNodeId() {
        return openflowNodeId;
    }

    /** Every wanted flow, with its owner. */
    public Map<FlowSpec, String> owners() {
        return owners;
    }

}
