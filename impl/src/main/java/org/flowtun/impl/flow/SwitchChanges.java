/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Changes to one switch that go in one OpenFlow bundle, applied in this order: flow removals (cookie to table), group
 * additions, group modifications, flow additions, group removals. A group is added or modified before the flows
 * and groups that send to it, and removed only once nothing sends to it any more (the switch removes the flows
 * sending to a group with it; it refuses to remove a group another group sends to).
 */
public final class SwitchChanges implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<Long, Short> flowRemovals;
    private final List<GroupSpec> groupAdditions;
    private final List<GroupSpec> groupModifications;
    private final List<FlowSpec> flowAdditions;
    private final List<Long> groupRemovals;

    public SwitchChanges(final Map<Long, Short> flowRemovals, final List<GroupSpec> groupAdditions,
            final List<GroupSpec> groupModifications, final List<FlowSpec> flowAdditions,
            final List<Long> groupRemovals) {
        this.flowRemovals = Map.copyOf(flowRemovals);
        this.groupAdditions = List.copyOf(groupAdditions);
        this.groupModifications = List.copyOf(groupModifications);
        this.flowAdditions = List.copyOf(flowAdditions);
        this.groupRemovals = List.copyOf(groupRemovals);
    }

    /** Flows only: {@code removals} (cookie to table), then {@code additions}. */
    public static SwitchChanges flows(final List<FlowSpec> additions, final Map<Long, Short> removals) {
        return new SwitchChanges(removals, List.of(), List.of(), additions, List.of());
    }

    public Map<Long, Short> flowRemovals() {
        return flowRemovals;
    }

    public List<GroupSpec> groupAdditions() {
        return groupAdditions;
    }

    public List<GroupSpec> groupModifications() {
        return groupModifications;
    }

    public List<FlowSpec> flowAdditions() {
        return flowAdditions;
    }

    public List<Long> groupRemovals() {
        return groupRemovals;
    }

    /** How many messages the bundle holds. */
    public int size() {
        return flowRemovals.size() + groupAdditions.size() + groupModifications.size() + flowAdditions.size()
            + groupRemovals.size();
    }

    @Override
    public String toString() {
        return flowAdditions.size() + " flow adds, " + flowRemovals.size() + " flow removes"
            + (groupAdditions.size() + groupModifications.size() + groupRemovals.size() == 0 ? ""
                : ", groups: " + groupAdditions.size() + " adds, " + groupModifications.size() + " modifications, "
                    + groupRemovals.size() + " removes");
    }
}
