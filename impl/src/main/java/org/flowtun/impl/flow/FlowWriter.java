/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.List;
import java.util.Map;

/**
 * Writes flows to switches. Every call returns at once; the future fails when the switch did not take it.
 */
public interface FlowWriter {
    /** Adds the flow (one without groups: those go in bundles, see {@link #bundle}). */
    ListenableFuture<?> add(String openflowNodeId, FlowSpec flow);

    /** Removes, in {@code table}, the flows whose cookie is exactly {@code cookie}. */
    ListenableFuture<?> remove(String openflowNodeId, short table, long cookie);

    /**
     * Applies {@code changes} in one OpenFlow bundle: the switch applies all of them at once or none. Far cheaper for
     * the switch than as many flow-mods.
     */
    ListenableFuture<?> bundle(String openflowNodeId, SwitchChanges changes);

    /**
     * In one OpenFlow bundle, removes every flowtun flow the switch holds (any table, cookie under
     * {@link Pipeline#FLOWTUN_COOKIE_MASK}) and every group, adds {@code flows} with their groups, and writes
     * {@code seals} (index to cookie; none when empty): afterwards it holds exactly those.
     */
    ListenableFuture<?> replace(String openflowNodeId, List<FlowSpec> flows, Map<Integer, Long> seals);

    /** The seals on the switch (see {@link Pipeline#SEAL_TABLE}): index to seal. */
    ListenableFuture<Map<Integer, Seal>> seals(String openflowNodeId);

    /**
     * How many flowtun flows (cookie under {@link Pipeline#FLOWTUN_COOKIE_MASK}) the switch holds: one aggregate
     * statistics request, answered by the switch without sending a flow.
     */
    ListenableFuture<Long> countFlows(String openflowNodeId);

    /** The flowtun flows (cookie under {@link Pipeline#FLOWTUN_COOKIE_MASK}) on the switch: cookie to table. */
    ListenableFuture<Map<Long, Short>> installedFlows(String openflowNodeId);
}
