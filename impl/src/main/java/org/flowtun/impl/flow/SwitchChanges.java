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
 * Changes to one switch that go in one OpenFlow bundle, applied in this order: flow removals (seal buckets whose
 * flowtun flows all go, then cookie to table), group additions, group modifications, flow additions, group removals,
 * seals (index to cookie, see {@link Pipeline#SEAL_TABLE}). A group is added or modified before the flows
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
    private final List<Integer> bucketRemovals;
    private final boolean allGroupsRemoved;
    private final Map<Integer, Long> seals;

    public SwitchChanges(final Map<Long, Short> flowRemovals, final List<GroupSpec> groupAdditions,
            final List<GroupSpec> groupModifications, final List<FlowSpec> flowAdditions,
            final List<Long> groupRemovals) {
        this(List.of(), false, flowRemovals, groupAdditions, groupModifications, flowAdditions, groupRemovals,
            Map.of());
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private SwitchChanges(final List<Integer> bucketRemovals, final boolean allGroupsRemoved,
            final Map<Long, Short> flowRemovals, final List<GroupSpec> groupAdditions,
            final List<GroupSpec> groupModifications, final List<FlowSpec> flowAdditions,
            final List<Long> groupRemovals, final Map<Integer, Long> seals) {
        this.bucketRemovals = List.copyOf(bucketRemovals);
        this.allGroupsRemoved = allGroupsRemoved;
        this.seals = Map.copyOf(seals);
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

    /** Seals only (index to cookie). */
    public static SwitchChanges sealsOnly(final Map<Integer, Long> seals) {
        return new SwitchChanges(List.of(), false, Map.of(), List.of(), List.of(), List.of(), List.of(), seals);
    }

    /**
     * Every flowtun flow of the seal {@code buckets} removed, with {@code regroup} every group too (and the flows
     * that send to one), then {@code groups} added, then {@code additions}, then {@code seals} written.
     */
    public static SwitchChanges bucketReplacement(final List<Integer> buckets, final boolean regroup,
            final List<GroupSpec> groups, final List<FlowSpec> additions, final Map<Integer, Long> seals) {
        return new SwitchChanges(buckets, regroup, Map.of(), groups, List.of(), additions, List.of(), seals);
    }

    /** Whether every group goes (with the flows that send to one), after the buckets and before the additions. */
    public boolean allGroupsRemoved() {
        return allGroupsRemoved;
    }

    /** Seal buckets whose flowtun flows are all removed, before anything else. */
    public List<Integer> bucketRemovals() {
        return bucketRemovals;
    }

    /** Seals written last: index to cookie. */
    public Map<Integer, Long> seals() {
        return seals;
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
        return bucketRemovals.size() + (allGroupsRemoved ? 1 : 0) + flowRemovals.size() + groupAdditions.size()
            + groupModifications.size() + flowAdditions.size() + groupRemovals.size() + seals.size();
    }

    @Override
    public String toString() {
        return flowAdditions.size() + " flow adds, " + flowRemovals.size() + " flow removes"
            + (groupAdditions.size() + groupModifications.size() + groupRemovals.size() == 0 ? ""
                : ", groups: " + groupAdditions.size() + " adds, " + groupModifications.size() + " modifications, "
                    + groupRemovals.size() + " removes")
            + (bucketRemovals.isEmpty() ? "" : ", " + bucketRemovals.size() + " seal buckets emptied")
            + (allGroupsRemoved ? ", every group removed first" : "")
            + (seals.isEmpty() ? "" : ", " + seals.size() + " seals");
    }
}
