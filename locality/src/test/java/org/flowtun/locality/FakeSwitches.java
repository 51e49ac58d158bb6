/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.flowtun.impl.flow.FlowSpec;
import org.flowtun.impl.flow.FlowWriter;
import org.flowtun.impl.flow.Pipeline;
import org.flowtun.impl.flow.Seal;
import org.flowtun.impl.flow.SwitchChanges;

/**
 * Switches as tables of flows (by match: an OpenFlow add replaces the flow of the same match), each flow with its
 * groups, taking every request at once. What OpenFlowPlugin and Open vSwitch do with flows, for tests of the
 * locality service without them.
 */
final class FakeSwitches implements FlowWriter {
    private final Map<String, Map<Long, FlowSpec>> tables = new HashMap<>();
    /** Per switch, seal index to its cookie and when it was written (System.nanoTime). */
    private final Map<String, Map<Integer, long[]>> sealTables = new HashMap<>();
    final AtomicLong flowAdds = new AtomicLong();
    final AtomicLong replacements = new AtomicLong();

    @Override
    public synchronized ListenableFuture<?> add(final String openflowNodeId, final FlowSpec flow) {
        install(openflowNodeId, flow);
        return Futures.immediateFuture(null);
    }

    @Override
    public synchronized ListenableFuture<?> remove(final String openflowNodeId, final short table,
            final long cookie) {
        table(openflowNodeId).values().removeIf(flow -> flow.cookie() == cookie && flow.table() == table);
        return Futures.immediateFuture(null);
    }

    @Override
    public synchronized ListenableFuture<?> bundle(final String openflowNodeId, final SwitchChanges changes) {
        table(openflowNodeId).values().removeIf(flow -> changes.bucketRemovals()
            .contains(Pipeline.sealBucket(flow.cookie())));
        if (changes.allGroupsRemoved()) {
            table(openflowNodeId).values().removeIf(flow -> !flow.groups().isEmpty());
        }
        table(openflowNodeId).values().removeIf(flow -> changes.flowRemovals().containsKey(flow.cookie()));
        changes.flowAdditions().forEach(flow -> install(openflowNodeId, flow));
        removeGroupFlows(openflowNodeId, changes.groupRemovals());
        writeSeals(openflowNodeId, changes.seals());
        return Futures.immediateFuture(null);
    }

    private void writeSeals(final String openflowNodeId, final Map<Integer, Long> seals) {
        final long now = System.nanoTime();
        seals.forEach((index, cookie) -> sealTables.computeIfAbsent(openflowNodeId, id -> new HashMap<>())
            .put(index, new long[] {cookie, now}));
    }

    @Override
    public synchronized ListenableFuture<Map<Integer, Seal>> seals(final String openflowNodeId) {
        final long now = System.nanoTime();
        final Map<Integer, Seal> seals = new HashMap<>();
        sealTables.getOrDefault(openflowNodeId, Map.of()).forEach((index, seal) -> seals.put(index,
            new Seal(seal[0], TimeUnit.NANOSECONDS.toSeconds(now - seal[1]))));
        return Futures.immediateFuture(seals);
    }

    /** How many seals the switch holds. */
    synchronized int sealCount(final String openflowNodeId) {
        return sealTables.getOrDefault(openflowNodeId, Map.of()).size();
    }

    /** The switch's seals, as if written {@code seconds} earlier. */
    synchronized void ageSeals(final String openflowNodeId, final long seconds) {
        sealTables.getOrDefault(openflowNodeId, Map.of()).values()
            .forEach(seal -> seal[1] -= TimeUnit.SECONDS.toNanos(seconds));
    }

    /** A switch removes, with a group, the flows that send to it (a flow here carries its groups). */
    private void removeGroupFlows(final String openflowNodeId, final Collection<Long> groupIds) {
        table(openflowNodeId).values().removeIf(flow -> flow.groups().stream()
            .anyMatch(group -> groupIds.contains(group.groupId())));
    }

    @Override
    public synchronized ListenableFuture<?> replace(final String openflowNodeId, final List<FlowSpec> flows,
            final Map<Integer, Long> seals) {
        replacements.incrementAndGet();
        table(openflowNodeId).clear();
        flows.forEach(flow -> install(openflowNodeId, flow));
        writeSeals(openflowNodeId, seals);
        return Futures.immediateFuture(null);
    }

    @Override
    public synchronized ListenableFuture<Long> countFlows(final String openflowNodeId) {
        return Futures.immediateFuture((long) table(openflowNodeId).size());
    }

    @Override
    public synchronized ListenableFuture<Map<Long, Short>> installedFlows(final String openflowNodeId) {
        return Futures.immediateFuture(table(openflowNodeId).values().stream()
            .collect(Collectors.toMap(FlowSpec::cookie, FlowSpec::table)));
    }

    /** The switch's flows. */
    synchronized Set<FlowSpec> flows(final String openflowNodeId) {
        return Set.copyOf(table(openflowNodeId).values());
    }

    /** The switch loses every flow (ovs-vswitchd restarted). */
    synchronized void wipe(final String openflowNodeId) {
        table(openflowNodeId).clear();
        sealTables.remove(openflowNodeId);
    }

    private void install(final String openflowNodeId, final FlowSpec flow) {
        flowAdds.incrementAndGet();
        table(openflowNodeId).put(flow.key(), flow);
    }

    private Map<Long, FlowSpec> table(final String openflowNodeId) {
        return tables.computeIfAbsent(openflowNodeId, id -> new HashMap<>());
    }
}
