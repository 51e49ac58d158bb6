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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desired state, then diff: holds per node the flows every owner (an lport, a network) wants, and writes only
 * the difference between them and what is on the switch. When a switch (re)connects, or a request fails, its
 * flowtun flows (by cookie) are replaced by the wanted ones in one atomic bundle; a switch that refuses bundles is
 * read back instead, and what is missing added and what is stale removed, flow by flow. A reconciler that seals
 * switches ({@link #sealSwitches}, a cluster member's) keeps, when a switch connects, the flows its fresh seals vouch
 * for and replaces only the rest (see {@link Pipeline#SEAL_TABLE}).
 *
 * <p>What others do to a switch is noticed three ways: a switch that reconnects is replaced as above (even when
 * OpenFlowPlugin never reported it gone); a flowtun flow deleted by anyone makes the switch send flow-removed
 * (every flowtun flow asks for it), upon which the switch's flowtun flows are counted ({@link #flowRemoved}); and
 * {@link #auditAll()} counts them periodically. A count other than the flows confirmed means the switch was
 * changed behind flowtun's back, and it is replaced. {@link #refreshAll()} sends every wanted flow again (an
 * OpenFlow add replaces a flow of the same match in place), which puts right a flow whose actions were changed.
 *
 * <p>Confined to the thread of the executor it is given: every method must be called on it, and RPC results
 * are handed back to it. Owners are told (once their flows are confirmed on the switch) through the listener.
 *
 * @param <O> the owners' type
 */
public final class FlowReconciler<O extends FlowOwner> {
    /** Told when every flow an owner wants on a node is on the switch (or the owner wants none). */
    @FunctionalInterface
    public interface Listener<O> {
        void flowsInstalled(String node, O owner);
    }

    /**
     * Told what the reconciler does with each switch, for metrics and health; called on the reconciler's thread,
     * must not block.
     */
    public interface Observer {
        Observer NONE = new Observer() { };

        /** Tells {@code first}, then {@code second}. */
        static Observer both(final Observer first, final Observer second) {
            return new Observer() {
                @Override
                public void requestSent(final String node, final boolean bundle) {
                    first.requestSent(node, bundle);
                    second.requestSent(node, bundle);
                }

                @Override
                public void bundleFailed(final String node, final boolean rejected) {
                    first.bundleFailed(node, rejected);
                    second.bundleFailed(node, rejected);
                }

                @Override
                public void replacing(final String node) {
                    first.replacing(node);
                    second.replacing(node);
                }

                @Override
                public void flowConfirmed(final long nanos) {
                    first.flowConfirmed(nanos);
                    second.flowConfirmed(nanos);
                }

                @Override
                public void switchFailing(final String node, final String openflowNodeId, final int failures,
                        final String reason) {
                    first.switchFailing(node, openflowNodeId, failures, reason);
                    second.switchFailing(node, openflowNodeId, failures, reason);
                }

                @Override
                public void switchSettled(final String node) {
                    first.switchSettled(node);
                    second.switchSettled(node);
                }
            };
        }

        /** A request went to the node's switch: a bundle (its messages committed at once) or one flow-mod. */
        default void requestSent(final String node, final boolean bundle) {
        }

        /** A bundle failed: refused by the switch ({@code rejected}), or with no error from it. */
        default void bundleFailed(final String node, final boolean rejected) {
        }

        /** Every flowtun flow of the node's switch is being replaced by the wanted ones (it connected, or failed). */
        default void replacing(final String node) {
        }

        /** A wanted flow is confirmed on a switch {@code nanos} after the data-tree change that asked for it. */
        default void flowConfirmed(final long nanos) {
        }

        /** A request to the node's switch failed, the {@code failures}th time in a row; it is resynchronised. */
        default void switchFailing(final String node, final String openflowNodeId, final int failures,
                final String reason) {
        }

        /** The node's switch failed before, and now holds what is wanted (or is gone): it is failing no more. */
        default void switchSettled(final String node) {
        }
    }

    /** What the reconciler knows of one node's switch (see {@link #switchStats()}). */
    public static final class SwitchStats {
        public final String node;
        public final boolean connected;
        /** Flows flowtun wants on the switch. */
        public final int wanted;
        /** Wanted flows the switch confirmed. */
        public final int confirmed;
        /** Flows on the switch that are not wanted any more (their removal pending or in flight). */
        public final int stale;

        SwitchStats(final String node, final boolean connected, final int wanted, final int confirmed,
                final int stale) {
            this.node = node;
            this.connected = connected;
            this.wanted = wanted;
            this.confirmed = confirmed;
            this.stale = stale;
        }

        /** Wanted flows not confirmed: not sent yet, in flight, or the switch's answer lost. */
        public int missing() {
            return wanted - confirmed;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(FlowReconciler.class);
    private static final long RETRY_SECONDS = 2;
    /**
     * Flow-mods in flight per switch. OpenFlowPlugin refuses requests beyond a per-switch quota (20,000 by default:
     * "Request quota exceeded"), and a switch answers faster when it is not flooded; the rest wait in order. A
     * bundle goes alone, whatever its size (see {@code canSend}).
     */
    static final int MAX_IN_FLIGHT = 2000;
    /** Bundles that may fail in a row with no error from the switch before its flows go one by one. */
    static final int MAX_UNEXPLAINED_BUNDLE_FAILURES = 3;
    /**
     * From this many changes at once, a node's changes go to the switch as OpenFlow bundles: one commit instead
     * of a flow-mod each (Open vSwitch applies a bundle of many flows far faster). Fewer go flow by flow: a bundle is
     * three RPCs and a hop to the bundle thread, and single ports sent as bundles had a longer latency tail
     * (docs/benchmarks).
     */
    static final int BUNDLE_MIN = 100;
    /** Changes per bundle: a large change goes as several, each confirmed as soon as the switch commits it. */
    static final int BUNDLE_MAX = 10_000;
    /** How long after a flow-removed message the switch's flows are counted (more such messages come together). */
    static final long AUDIT_DELAY_MILLIS = 100;
    /** How long a switch must be at rest before its seals are written (a burst of changes seals once). */
    static final long SEAL_DELAY_MILLIS = 250;
    /**
     * A switch whose seal is older than this is replaced, not trusted: nobody may have watched it meanwhile. An
     * owner vouches for its switches at every audit that finds them as it left them (10 s by default).
     */
    static final long SEAL_MAX_AGE_SECONDS = 30;
    /** A switch with more buckets than this not as sealed is replaced whole: one bundle instead of many removals. */
    static final int MAX_STALE_BUCKETS = Pipeline.SEAL_BUCKETS / 2;

    private final FlowWriter writer;
    private final ScheduledExecutorService executor;
    private final Listener<O> listener;
    private final Observer observer;
    /** Whether switches are sealed, and their seals trusted when they connect (see {@link #sealSwitches}). */
    private boolean sealing;
    /** When the data-tree change behind the flows set now arrived (System.nanoTime), or 0: not from one. */
    private long changeNanos;

    private final Map<String, NodeFlows> nodes = new HashMap<>();
    /** The nodes by their connected switch's OpenFlow node id. */
    private final Map<String, NodeFlows> byOpenflowNode = new HashMap<>();

    public FlowReconciler(final FlowWriter writer, final ScheduledExecutorService executor,
            final Listener<O> listener) {
        this(writer, executor, listener, Observer.NONE);
    }

    public FlowReconciler(final FlowWriter writer, final ScheduledExecutorService executor,
            final Listener<O> listener, final Observer observer) {
        this.writer = requireNonNull(writer);
        this.executor = requireNonNull(executor);
        this.listener = requireNonNull(listener);
        this.observer = requireNonNull(observer);
    }

    /**
     * The flows set from now on serve a data-tree change that arrived at {@code nanos} ({@link System#nanoTime}),
     * or, with 0, no data-tree change: the time until the switch confirms them is told to the observer.
     */
    public void changesSince(final long nanos) {
        changeNanos = nanos;
    }

    /**
     * From now on, every switch at rest is sealed (see {@link Pipeline#SEAL_TABLE}), and a switch that connects keeps
     * the flows its seals vouch for: only the buckets whose seal is not the wanted one are replaced. Meant for a
     * cluster member that may take over the switches from another: call before the first switch connects.
     */
    public void sealSwitches() {
        sealing = true;
    }

    /** What is known of every node's switch, flows wanted, confirmed, missing and stale. */
    public List<SwitchStats> switchStats() {
        return nodes.values().stream().map(NodeFlows::stats).collect(Collectors.toList());
    }

    /** Replaces the flows {@code owner} wants on {@code node}; sent on the next {@link #flush()}. */
    public void setFlows(final String node, final O owner, final Collection<FlowSpec> flows) {
        nodes.computeIfAbsent(node, NodeFlows::new).setFlows(owner, flows);
    }

    /** The flows {@code owner} wants on {@code node}. */
    public Collection<FlowSpec> flows(final String node, final O owner) {
        final NodeFlows flows = nodes.get(node);
        return flows == null ? List.of() : flows.flowsOf(owner);
    }

    /** A copy of what flowtun wants on the node (empty when it knows no such node). */
    public ExpectedFlows expectedFlows(final String node) {
        final NodeFlows flows = nodes.get(node);
        if (flows == null) {
            return new ExpectedFlows(null, Map.of());
        }
        final Map<FlowSpec, String> owners = new HashMap<>();
        flows.slots.values().stream().filter(slot -> slot.desired != null)
            .forEach(slot -> owners.put(slot.desired, slot.owner.toString()));
        return new ExpectedFlows(flows.openflowNodeId, owners);
    }

    /** The nodes the reconciler knows. */
    public Set<String> nodes() {
        return Set.copyOf(nodes.keySet());
    }

    /** How many flows flowtun wants on the node. */
    public int flowCount(final String node) {
        final NodeFlows flows = nodes.get(node);
        return flows == null ? 0 : flows.desiredCount;
    }

    /** The node's connected switch, or null. */
    public String openflowNodeId(final String node) {
        final NodeFlows flows = nodes.get(node);
        return flows == null ? null : flows.openflowNodeId;
    }

    /**
     * The node's switch connected over OpenFlow as {@code openflowNodeId}: its flowtun flows are replaced by the
     * wanted ones in one atomic bundle (or, if it refuses bundles, read and reconciled flow by flow).
     */
    public void connected(final String node, final String openflowNodeId) {
        final NodeFlows flows = nodes.computeIfAbsent(node, NodeFlows::new);
        if (openflowNodeId.equals(flows.openflowNodeId)) {
            return;
        }
        flows.reset(openflowNodeId);
        flows.flowByFlow = false;
        flows.unexplainedBundleFailures = 0;
        LOG.info("{}: switch {} connected", node, openflowNodeId);
        if (sealing) {
            flows.readSeals();
        } else {
            flows.resync();
        }
    }

    /**
     * A flowtun flow was removed from the switch {@code openflowNodeId} (by flowtun or by anyone else): its flowtun
     * flows are counted shortly, and replaced if the count is not what flowtun put there.
     */
    public void flowRemoved(final String openflowNodeId) {
        final NodeFlows flows = byOpenflowNode.get(openflowNodeId);
        if (flows != null) {
            flows.auditSoon();
        }
    }

    /** Counts the flowtun flows of every connected switch at rest, and replaces those that hold other than wanted. */
    public void auditAll() {
        nodes.values().forEach(NodeFlows::audit);
    }

    /** Sends every wanted flow again to every connected switch at rest: puts right a flow changed by hand. */
    public void refreshAll() {
        nodes.values().forEach(NodeFlows::refresh);
    }

    /** The node's OpenFlow connection is gone: nothing is sent until it is back. */
    public void disconnected(final String node) {
        final NodeFlows flows = nodes.get(node);
        if (flows != null && flows.openflowNodeId != null) {
            LOG.info("{}: switch {} disconnected", node, flows.openflowNodeId);
            flows.reset(null);
        }
    }

    /** Forgets a node entirely (it left). */
    public void removeNode(final String node) {
        final NodeFlows flows = nodes.remove(node);
        if (flows != null) {
            flows.reset(null);
        }
    }

    /** Sends every pending difference and reports owners whose flows are all in. */
    public void flush() {
        nodes.values().forEach(NodeFlows::flush);
    }

    /** The ids of the flow's groups, the one it sends to first (the order to remove them in); null if none. */
    private static List<Long> groupIds(final FlowSpec flow) {
        return flow.groups().isEmpty() ? null
            : Lists.reverse(flow.groups()).stream().map(GroupSpec::groupId).collect(Collectors.toList());
    }

    /** {@code keys} without {@code key}; null (no entry) when nothing is left. */
    private static Set<Long> without(final Set<Long> keys, final Long key) {
        if (!keys.contains(key)) {
            return keys;
        }
        final Set<Long> rest = new HashSet<>(keys);
        rest.remove(key);
        return rest.isEmpty() ? null : Set.copyOf(rest);
    }

    /** Where a slot's flow is on the switch. */
    private enum SwitchState {
        /** Not on the switch (as far as flowtun knows). */
        ABSENT,
        /** Sent; on the switch once the request is answered. */
        SENT,
        /** On the switch. */
        CONFIRMED
    }

    /**
     * One flow key (table, priority, match) on a node: the flow an owner wants there, and the flow the switch holds
     * or will hold: one object per flow instead of an entry in each of three maps.
     */
    private static final class Slot<O> {
        /** The flow wanted, or null: nobody wants one here (its removal is pending). */
        FlowSpec desired;
        O owner;
        SwitchState state = SwitchState.ABSENT;
        /** Cookie and table of the flow on the switch (when not {@link SwitchState#ABSENT}). */
        long installedCookie;
        short installedTable;
        /** The groups of the flow on the switch, the one it sends to first (the order to remove them in); or null. */
        List<Long> installedGroups;
        /** When the data-tree change behind the wanted flow arrived, until the switch confirms it; or 0. */
        long changedAt;

        boolean isOnSwitch() {
            return state != SwitchState.ABSENT;
        }

        void installing(final FlowSpec flow, final SwitchState newState) {
            state = newState;
            installedCookie = flow.cookie();
            installedGroups = groupIds(flow);
            installedTable = flow.table();
        }

        /** Its wanted flow is on the switch. */
        boolean isInstalled() {
            return state == SwitchState.CONFIRMED && desired != null && installedCookie == desired.cookie();
        }
    }

    /**
     * A request to the switch: {@code weight} is how many flow-mods it holds in flight until answered. A bundle of
     * {@code groups} (flood flows and their groups) goes its own way: those flows are never sent otherwise, so
     * flow-mods and other bundles need not wait for it. Seals go that way too: no other request writes them, and a
     * seal that lands after a change it did not count only makes the change's bucket look stale.
     */
    private static final class Request {
        final Supplier<ListenableFuture<?>> call;
        final String what;
        final int weight;
        final boolean bundle;
        final boolean groups;
        /** Run once the switch confirmed it, or null. */
        final Runnable onSuccess;
        /** Run when it failed, before the switch is resynchronised, or null. */
        final Consumer<Throwable> onFailure;

        Request(final Supplier<ListenableFuture<?>> call, final String what, final int weight, final boolean bundle,
                final Runnable onSuccess, final Consumer<Throwable> onFailure) {
            this(call, what, weight, bundle, false, onSuccess, onFailure);
        }

        private Request(final Supplier<ListenableFuture<?>> call, final String what, final int weight,
                final boolean bundle, final boolean groups, final Runnable onSuccess,
                final Consumer<Throwable> onFailure) {
            this.call = call;
            this.what = what;
            this.weight = weight;
            this.bundle = bundle;
            this.groups = groups;
            this.onSuccess = onSuccess;
            this.onFailure = onFailure;
        }

        /** A bundle of flows with groups and their group changes. */
        static Request groupBundle(final Supplier<ListenableFuture<?>> call, final String what, final int weight,
                final Runnable onSuccess, final Consumer<Throwable> onFailure) {
            return new Request(call, what, weight, true, true, onSuccess, onFailure);
        }
    }

    private final class NodeFlows {
        private final String node;
        /** Flow key to what is wanted and what is on the switch; a slot goes once neither has a flow. */
        private final Map<Long, Slot<O>> slots = new HashMap<>();
        /** Slots with a wanted flow. */
        private int desiredCount;
        /** Immutable sets: most owners have one or two flows per node, and a HashSet each would dwarf them. */
        private final Map<O, Set<Long>> keysOfOwner = new HashMap<>();
        private final Set<Long> dirty = new HashSet<>();
        private final Set<O> ownersToCheck = new HashSet<>();
        /** Requests not sent yet, in order (see {@link #canSend}). */
        private final Deque<Request> queued = new ArrayDeque<>();
        /** Group bundles not sent yet, in order: one in flight at a time, beside the other requests. */
        private final Deque<Request> queuedGroups = new ArrayDeque<>();
        private boolean groupBundleInFlight;
        /** Flow-mods in flight (a bundle counts its messages). */
        private int inFlight;
        private boolean bundleInFlight;
        private String openflowNodeId;
        /** Set when the switch refused a bundle: until it reconnects, one bad flow must not hold back the rest. */
        private boolean flowByFlow;
        /**
         * The groups the switch holds, as far as flowtun knows (what it sent; a failure resynchronises the switch,
         * whose replacement removes every group and adds the wanted ones).
         */
        private final Map<Long, GroupSpec> groupsOnSwitch = new HashMap<>();
        /** Bundles failed in a row without the switch saying why (see {@link #bundleRefused}). */
        private int unexplainedBundleFailures;
        private boolean synced;
        private boolean retryScheduled;
        private boolean auditScheduled;
        /** An audit asked for while requests were in flight: it runs once they are answered. */
        private boolean auditWhenQuiet;
        /** Requests sent so far: an audit answered after another request went out says nothing. */
        private long requestsSent;
        /** Bumped on every (dis)connection, so that answers to an earlier connection's requests are ignored. */
        private long epoch;
        /** Requests failed in a row (each followed by a resynchronisation), until the switch is at rest again. */
        private int failures;
        /** The seals of the wanted flows. */
        private final SealDigests wantedSeals = new SealDigests();
        /** The cookie of each seal as last sent to the switch; 0: not known. */
        private final long[] sealsSent = new long[Pipeline.SEALS];
        private boolean sealScheduled;

        NodeFlows(final String node) {
            this.node = node;
        }

        Collection<FlowSpec> flowsOf(final O owner) {
            final Set<Long> keys = keysOfOwner.getOrDefault(owner, Set.of());
            final List<FlowSpec> result = new ArrayList<>(keys.size());
            keys.forEach(key -> result.add(slots.get(key).desired));
            return result;
        }

        void setFlows(final O owner, final Collection<FlowSpec> flows) {
            final Set<Long> oldKeys = keysOfOwner.getOrDefault(owner, Set.of());
            final Set<Long> newKeys = new HashSet<>();
            for (FlowSpec flow : flows) {
                final Long key = flow.key();
                newKeys.add(key);
                final Slot<O> slot = slots.computeIfAbsent(key, ignored -> new Slot<>());
                final O previousOwner = slot.owner;
                slot.owner = owner;
                if (previousOwner != null && !previousOwner.equals(owner)) {
                    LOG.warn("{}: flow {} wanted by {} and {}; {} wins", node, key, previousOwner, owner, owner);
                    keysOfOwner.computeIfPresent(previousOwner, (other, keys) -> without(keys, key));
                }
                final FlowSpec previous = slot.desired;
                slot.desired = flow;
                if (previous == null) {
                    desiredCount++;
                }
                if (previous == null || previous.cookie() != flow.cookie()) {
                    if (previous != null) {
                        wantedSeals.remove(previous);
                    }
                    wantedSeals.add(flow);
                    dirty.add(key);
                    if (slot.changedAt == 0) {
                        slot.changedAt = changeNanos;
                    }
                }
            }
            for (Long key : oldKeys) {
                final Slot<O> slot = slots.get(key);
                if (slot != null && !newKeys.contains(key) && owner.equals(slot.owner)) {
                    wantedSeals.remove(slot.desired);
                    slot.owner = null;
                    slot.desired = null;
                    desiredCount--;
                    dirty.add(key);
                }
            }
            if (newKeys.isEmpty()) {
                keysOfOwner.remove(owner);
            } else {
                keysOfOwner.put(owner, Set.copyOf(newKeys));
            }
            ownersToCheck.add(owner);
        }

        SwitchStats stats() {
            int confirmed = 0;
            int stale = 0;
            for (Slot<O> slot : slots.values()) {
                if (slot.isInstalled()) {
                    confirmed++;
                } else if (slot.isOnSwitch()
                        && (slot.desired == null || slot.installedCookie != slot.desired.cookie())) {
                    stale++;
                }
            }
            return new SwitchStats(node, openflowNodeId != null, desiredCount, confirmed, stale);
        }

        void reset(final String newOpenflowNodeId) {
            if (newOpenflowNodeId == null && failures > 0) {
                failures = 0;
                observer.switchSettled(node);
            }
            if (openflowNodeId != null) {
                byOpenflowNode.remove(openflowNodeId, this);
            }
            if (newOpenflowNodeId != null) {
                byOpenflowNode.put(newOpenflowNodeId, this);
            }
            epoch++;
            auditWhenQuiet = false;
            groupsOnSwitch.clear();
            queued.clear();
            queuedGroups.clear();
            inFlight = 0;
            bundleInFlight = false;
            groupBundleInFlight = false;
            openflowNodeId = newOpenflowNodeId;
            synced = false;
            Arrays.fill(sealsSent, 0);
            // what the switch holds is unknown until it is read again
            slots.values().removeIf(slot -> {
                slot.state = SwitchState.ABSENT;
                return slot.desired == null;
            });
        }

        /** What the switch holds is unknown (it connected, or a request failed): make it hold what is wanted. */
        void resync() {
            if (flowByFlow) {
                LOG.info("{}: reading the flowtun flows of {} to reconcile them flow by flow", node, openflowNodeId);
                readSwitch();
            } else {
                replaceSwitch();
            }
        }

        /**
         * Replaces every flowtun flow on the switch by the wanted ones in one atomic bundle: a packet meets either
         * the old flows or the new, and nothing stale or missing is left. Linear in the flows, where reading them
         * back is not: OpenFlowPlugin 0.11 files each flow it reads in a registry searched one by one for flows
         * with an extension match (reg7): quadratic in the switch's flows.
         */
        private void replaceSwitch() {
            final List<Long> keys = new ArrayList<>(desiredCount);
            final List<FlowSpec> wanted = new ArrayList<>(desiredCount);
            groupsOnSwitch.clear();
            slots.forEach((key, slot) -> {
                if (slot.desired != null) {
                    slot.installing(slot.desired, SwitchState.SENT);
                    keys.add(key);
                    wanted.add(slot.desired);
                    slot.desired.groups().forEach(group -> groupsOnSwitch.put(group.groupId(), group));
                }
            });
            dirty.clear();
            synced = true;
            observer.replacing(node);
            final String ofNode = openflowNodeId;
            final long start = System.nanoTime();
            LOG.info("{}: replacing the flowtun flows of {} by the {} wanted, in one bundle", node, ofNode,
                wanted.size());
            final Runnable replaced = () -> {
                LOG.info("{}: flowtun flows of {} replaced: {} flows in {} ms", node, ofNode, wanted.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                addedAll(keys, wanted);
            };
            final Map<Integer, Long> seals = sealing ? sending(wantedSeals(index -> true)) : Map.of();
            send(new Request(() -> writer.replace(ofNode, wanted, seals), "replace", Math.max(1, wanted.size()),
                true, replaced, this::bundleRefused));
            // every owner with flows hears of them once the bundle is committed (addedAll), none before
            flush();
        }

        /** The seals of the wanted flows whose index {@code include} accepts: index to cookie. */
        private Map<Integer, Long> wantedSeals(final IntPredicate include) {
            final Map<Integer, Long> seals = new HashMap<>();
            for (int index = 0; index < Pipeline.SEALS; index++) {
                if (include.test(index)) {
                    seals.put(index, wantedSeals.sealCookie(index));
                }
            }
            return seals;
        }

        /** Whether the seal {@code index} last sent to the switch is not that of the wanted flows. */
        private boolean sealOutdated(final int index) {
            return sealsSent[index] != wantedSeals.sealCookie(index);
        }

        /** {@code seals} (index to cookie) go to the switch now: notes them as sent, and returns them. */
        private Map<Integer, Long> sending(final Map<Integer, Long> seals) {
            seals.forEach((index, cookie) -> sealsSent[index] = cookie);
            return seals;
        }

        /** The switch connected to a member that seals switches: its seals say which of its flows to keep. */
        void readSeals() {
            final long readEpoch = epoch;
            final String ofNode = openflowNodeId;
            callback(writer.seals(ofNode), readEpoch, this::sealsRead, error -> {
                LOG.info("{}: could not read the seals of {} ({}); its flows are replaced", node, ofNode,
                    error.getMessage());
                replaceSwitch();
            });
        }

        private void sealsRead(final Map<Integer, Seal> onSwitch) {
            final Seal switchSeal = onSwitch.get(Pipeline.SWITCH_SEAL);
            final List<Integer> stale = new ArrayList<>();
            for (int bucket = 0; bucket < Pipeline.SEAL_BUCKETS; bucket++) {
                final Seal seal = onSwitch.get(bucket);
                if (seal == null || seal.cookie() != wantedSeals.sealCookie(bucket)) {
                    stale.add(bucket);
                }
            }
            final String why;
            if (switchSeal == null) {
                why = "it is not sealed";
            } else if (switchSeal.ageSeconds() > SEAL_MAX_AGE_SECONDS) {
                why = "its seal is " + switchSeal.ageSeconds() + " s old";
            } else if (stale.size() > MAX_STALE_BUCKETS) {
                why = stale.size() + " of its " + Pipeline.SEAL_BUCKETS + " buckets are not as sealed";
            } else {
                why = null;
            }
            if (why != null) {
                LOG.info("{}: the flowtun flows of {} are replaced: {}", node, openflowNodeId, why);
                replaceSwitch();
                return;
            }
            keepSealed(onSwitch, Set.copyOf(stale),
                switchSeal.cookie() != wantedSeals.sealCookie(Pipeline.SWITCH_SEAL));
        }

        /**
         * The switch holds what its seals say, and the seals of all buckets but {@code stale} are those of the wanted
         * flows: those flows are on the switch as they are; the stale buckets are emptied and their wanted flows
         * added, in one bundle. With {@code regroup} (the switch seal says its groups are not the wanted ones), the
         * same bundle also removes every group and adds the wanted groups and every flow that sends to one (a flood
         * flow per network: few). The flows are counted once the switch is at rest.
         */
        private void keepSealed(final Map<Integer, Seal> onSwitch, final Set<Integer> stale, final boolean regroup) {
            final List<Long> keys = new ArrayList<>();
            final List<FlowSpec> flows = new ArrayList<>();
            final Map<Long, GroupSpec> groups = new LinkedHashMap<>();
            groupsOnSwitch.clear();
            for (Iterator<Map.Entry<Long, Slot<O>>> entries = slots.entrySet().iterator(); entries.hasNext(); ) {
                final Map.Entry<Long, Slot<O>> entry = entries.next();
                final Slot<O> slot = entry.getValue();
                final FlowSpec flow = slot.desired;
                if (flow == null) {
                    // wanted no more: in a stale bucket (its removal changed the bucket's digest), emptied below
                    entries.remove();
                    continue;
                }
                flow.groups().forEach(group -> groupsOnSwitch.put(group.groupId(), group));
                slot.changedAt = 0;
                final boolean regrouped = regroup && !flow.groups().isEmpty();
                if (regrouped) {
                    // in the order they are added: those a group sends to before it
                    flow.groups().forEach(group -> groups.putIfAbsent(group.groupId(), group));
                }
                if (regrouped || stale.contains(Pipeline.sealBucket(flow.cookie()))) {
                    slot.installing(flow, SwitchState.SENT);
                    keys.add(entry.getKey());
                    flows.add(flow);
                } else {
                    slot.installing(flow, SwitchState.CONFIRMED);
                }
            }
            dirty.clear();
            synced = true;
            onSwitch.forEach((index, seal) -> sealsSent[index] = seal.cookie());
            if (LOG.isInfoEnabled()) {
                LOG.info("{}: switch {}", node, String.format(Locale.ROOT,
                    "%s sealed %d s ago: %d flowtun flows kept, %d sent again (%d of %d buckets not as sealed%s)",
                    openflowNodeId, onSwitch.get(Pipeline.SWITCH_SEAL).ageSeconds(), desiredCount - flows.size(),
                    flows.size(), stale.size(), Pipeline.SEAL_BUCKETS, regroup ? "; its groups replaced" : ""));
            }
            if (!stale.isEmpty() || regroup) {
                final Map<Integer, Long> seals = sending(wantedSeals(index -> stale.contains(index)
                    || index == Pipeline.SWITCH_SEAL));
                final SwitchChanges changes = SwitchChanges.bucketReplacement(List.copyOf(new TreeSet<>(stale)),
                    regroup, List.copyOf(groups.values()), flows, seals);
                final String ofNode = openflowNodeId;
                send(new Request(() -> writer.bundle(ofNode, changes), "stale buckets", changes.size(), true,
                    () -> addedAll(keys, flows), this::bundleRefused));
            }
            ownersToCheck.addAll(keysOfOwner.keySet());
            flush();
            if (isQuiet()) {
                auditSoon();
            } else {
                auditWhenQuiet = true;
            }
        }

        /** Seals the switch once it has been at rest a moment, if its seals are not those of the wanted flows. */
        private void sealSoon() {
            if (!sealing || sealScheduled || flowByFlow || !isQuiet() || !sealsDiffer()) {
                return;
            }
            sealScheduled = true;
            final long sealEpoch = epoch;
            executor.schedule(() -> {
                sealScheduled = false;
                if (epoch == sealEpoch) {
                    seal(false);
                }
            }, SEAL_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }

        private boolean sealsDiffer() {
            for (int index = 0; index < Pipeline.SEALS; index++) {
                if (sealOutdated(index)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Writes, if the switch is at rest, the seals that are not those of the wanted flows, and the switch seal
         * (whose age says when flowtun last vouched for the switch); with {@code vouch}, the switch seal even when
         * nothing else changed.
         */
        private void seal(final boolean vouch) {
            if (!sealing || flowByFlow || !isQuiet()) {
                return;
            }
            final Map<Integer, Long> seals = wantedSeals(this::sealOutdated);
            if (seals.isEmpty() && !vouch) {
                return;
            }
            seals.put(Pipeline.SWITCH_SEAL, wantedSeals.sealCookie(Pipeline.SWITCH_SEAL));
            final SwitchChanges changes = SwitchChanges.sealsOnly(sending(seals));
            final String ofNode = openflowNodeId;
            LOG.debug("{}: sealing {} ({} seals)", node, ofNode, seals.size());
            send(Request.groupBundle(() -> writer.bundle(ofNode, changes), "seal", changes.size(), null,
                this::bundleRefused));
        }

        void readSwitch() {
            final long readEpoch = epoch;
            final String ofNode = openflowNodeId;
            callback(writer.installedFlows(ofNode), readEpoch, this::reconcile, error -> readFailed(error, readEpoch));
        }

        private void readFailed(final Throwable error, final long readEpoch) {
            LOG.warn("{}: could not read the flows of {} ({}); retrying in {} s", node, openflowNodeId,
                error.getMessage(), RETRY_SECONDS);
            executor.schedule(() -> {
                if (epoch == readEpoch) {
                    readSwitch();
                }
            }, RETRY_SECONDS, TimeUnit.SECONDS);
        }

        private void reconcile(final Map<Long, Short> onSwitch) {
            int kept = 0;
            final Set<Long> wanted = new HashSet<>();
            for (Map.Entry<Long, Slot<O>> entry : slots.entrySet()) {
                final FlowSpec flow = entry.getValue().desired;
                if (flow == null) {
                    continue;
                }
                wanted.add(flow.cookie());
                if (onSwitch.containsKey(flow.cookie())) {
                    entry.getValue().installing(flow, SwitchState.CONFIRMED);
                    entry.getValue().changedAt = 0;
                    kept++;
                } else {
                    dirty.add(entry.getKey());
                }
            }
            final Map<Long, Short> stale = new HashMap<>(onSwitch);
            stale.keySet().removeAll(wanted);
            writeFlows(List.of(), List.of(), stale);
            synced = true;
            final int missing = desiredCount - kept;
            ownersToCheck.addAll(keysOfOwner.keySet());
            LOG.info("{}: reconciled flows of {}: {} in place, {} to add, {} stale removed", node, openflowNodeId,
                kept, missing, stale.size());
            flush();
        }

        /** Nothing in flight, nothing pending, no resynchronisation under way: the switch should hold the wanted. */
        private boolean isQuiet() {
            return openflowNodeId != null && synced && !retryScheduled && queued.isEmpty() && inFlight == 0
                && !bundleInFlight && queuedGroups.isEmpty() && !groupBundleInFlight && dirty.isEmpty();
        }

        void auditSoon() {
            if (auditScheduled || openflowNodeId == null) {
                return;
            }
            auditScheduled = true;
            final long auditEpoch = epoch;
            executor.schedule(() -> {
                auditScheduled = false;
                if (epoch == auditEpoch) {
                    audit();
                }
            }, AUDIT_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }

        /** Counts the switch's flowtun flows once it is at rest, and replaces them if they are not the wanted. */
        void audit() {
            if (openflowNodeId == null) {
                return;
            }
            if (!isQuiet()) {
                auditWhenQuiet = synced;
                return;
            }
            auditWhenQuiet = false;
            final long sentBefore = requestsSent;
            final String ofNode = openflowNodeId;
            callback(writer.countFlows(ofNode), epoch, count -> audited(count, sentBefore),
                error -> LOG.debug("{}: could not count the flows of {}: {}", node, ofNode, error.getMessage()));
        }

        private void audited(final long count, final long sentBefore) {
            if (requestsSent != sentBefore || !isQuiet()) {
                // flowtun changed the switch meanwhile: count again once that is answered
                auditWhenQuiet = true;
                return;
            }
            long confirmed = 0;
            for (Slot<O> slot : slots.values()) {
                if (slot.state == SwitchState.CONFIRMED) {
                    confirmed++;
                }
            }
            if (count == confirmed) {
                LOG.debug("{}: {} holds its {} flowtun flows", node, openflowNodeId, count);
                seal(true);
                return;
            }
            LOG.warn("{}: {} holds {} flowtun flows where flowtun put {}: changed behind flowtun's back; replacing "
                + "them", node, openflowNodeId, count, confirmed);
            final String ofNode = openflowNodeId;
            reset(ofNode);
            resync();
        }

        /** Sends every wanted flow again (adds only: no flow-removed, nothing changes where nothing was changed). */
        void refresh() {
            if (!isQuiet() || desiredCount == 0) {
                return;
            }
            final List<FlowSpec> wanted = new ArrayList<>(desiredCount);
            slots.values().forEach(slot -> {
                if (slot.desired != null) {
                    wanted.add(slot.desired);
                }
            });
            final String ofNode = openflowNodeId;
            LOG.debug("{}: sending the {} wanted flows to {} again", node, wanted.size(), ofNode);
            // flows with groups go in a bundle with their groups, sent again as modifications
            final List<FlowSpec> plain = new ArrayList<>();
            final List<FlowSpec> grouped = new ArrayList<>();
            wanted.forEach(flow -> (flow.groups().isEmpty() ? plain : grouped).add(flow));
            if (!grouped.isEmpty()) {
                final List<GroupSpec> groups = grouped.stream().flatMap(flow -> flow.groups().stream())
                    .collect(Collectors.toList());
                final SwitchChanges changes = new SwitchChanges(Map.of(), List.of(), groups, grouped, List.of());
                send(Request.groupBundle(() -> writer.bundle(ofNode, changes), "refresh group bundle", changes.size(),
                    null, this::bundleRefused));
            }
            if (flowByFlow || plain.size() < BUNDLE_MIN) {
                plain.forEach(flow -> send(new Request(() -> writer.add(ofNode, flow), "refresh", 1, false, null,
                    null)));
                return;
            }
            for (List<FlowSpec> part : Lists.partition(plain, BUNDLE_MAX)) {
                final SwitchChanges changes = SwitchChanges.flows(part, Map.of());
                send(new Request(() -> writer.bundle(ofNode, changes), "refresh bundle", changes.size(), true, null,
                    this::bundleRefused));
            }
        }

        void flush() {
            if (synced && !dirty.isEmpty()) {
                final List<Long> addKeys = new ArrayList<>();
                final List<FlowSpec> adds = new ArrayList<>();
                final Map<Long, Short> removes = new HashMap<>();
                final List<Long> groupRemovals = new ArrayList<>();
                for (Long key : dirty) {
                    final Slot<O> slot = slots.get(key);
                    if (slot == null) {
                        // forgotten by a reset: neither wanted nor known on the switch
                        continue;
                    }
                    final FlowSpec want = slot.desired;
                    if (want != null && (!slot.isOnSwitch() || slot.installedCookie != want.cookie())) {
                        if (slot.isOnSwitch() && slot.installedGroups != null) {
                            // groups the flow sends to no more go once the new ones are in
                            groupRemovals.addAll(slot.installedGroups);
                        }
                        slot.installing(want, SwitchState.SENT);
                        addKeys.add(key);
                        adds.add(want);
                    } else if (want == null) {
                        if (slot.isOnSwitch()) {
                            removes.put(slot.installedCookie, slot.installedTable);
                            if (slot.installedGroups != null) {
                                groupRemovals.addAll(slot.installedGroups);
                            }
                        }
                        slots.remove(key);
                    }
                }
                dirty.clear();
                write(addKeys, adds, removes, groupRemovals);
            }
            for (O owner : ownersToCheck) {
                if (isInstalled(owner)) {
                    listener.flowsInstalled(node, owner);
                }
            }
            ownersToCheck.clear();
            sealSoon();
        }

        /**
         * Sends removals and additions ({@code adds.get(i)} is the flow of {@code addKeys.get(i)}). Flows with groups
         * go in one bundle of their own with the group changes: each group added, or modified in place when the
         * switch has it already (only those whose buckets changed), and the groups nothing sends to any more
         * removed last.
         */
        private void write(final List<Long> addKeys, final List<FlowSpec> adds, final Map<Long, Short> removes,
                final List<Long> groupRemovals) {
            final List<Long> plainKeys = new ArrayList<>();
            final List<FlowSpec> plain = new ArrayList<>();
            final List<Long> groupedKeys = new ArrayList<>();
            final List<FlowSpec> grouped = new ArrayList<>();
            for (int i = 0; i < adds.size(); i++) {
                final boolean hasGroups = !adds.get(i).groups().isEmpty();
                (hasGroups ? groupedKeys : plainKeys).add(addKeys.get(i));
                (hasGroups ? grouped : plain).add(adds.get(i));
            }
            writeFlows(plainKeys, plain, removes);
            if (!grouped.isEmpty() || !groupRemovals.isEmpty()) {
                writeGroups(groupedKeys, grouped, groupRemovals);
            }
        }

        private void writeGroups(final List<Long> addKeys, final List<FlowSpec> adds, final List<Long> removals) {
            final List<GroupSpec> additions = new ArrayList<>();
            final List<GroupSpec> modifications = new ArrayList<>();
            final Set<Long> used = new HashSet<>();
            for (FlowSpec flow : adds) {
                for (GroupSpec group : flow.groups()) {
                    used.add(group.groupId());
                    final GroupSpec onSwitch = groupsOnSwitch.put(group.groupId(), group);
                    if (onSwitch == null) {
                        additions.add(group);
                    } else if (!onSwitch.equals(group)) {
                        modifications.add(group);
                    }
                }
            }
            final List<Long> unused = removals.stream().filter(group -> !used.contains(group)).distinct()
                .collect(Collectors.toList());
            unused.forEach(groupsOnSwitch::remove);
            final SwitchChanges changes = new SwitchChanges(Map.of(), additions, modifications, adds, unused);
            final String ofNode = openflowNodeId;
            final List<FlowSpec> bundleAdds = List.copyOf(adds);
            final List<Long> bundleKeys = List.copyOf(addKeys);
            send(Request.groupBundle(() -> writer.bundle(ofNode, changes), "group bundle", changes.size(),
                () -> addedAll(bundleKeys, bundleAdds), this::bundleRefused));
        }

        private void writeFlows(final List<Long> addKeys, final List<FlowSpec> adds, final Map<Long, Short> removes) {
            final String ofNode = openflowNodeId;
            if (adds.isEmpty() && removes.isEmpty()) {
                return;
            }
            if (flowByFlow || adds.size() + removes.size() < BUNDLE_MIN) {
                removes.forEach((cookie, table) -> send(new Request(() -> writer.remove(ofNode, table, cookie),
                    "remove", 1, false, null, null)));
                for (int i = 0; i < adds.size(); i++) {
                    final Long key = addKeys.get(i);
                    final FlowSpec flow = adds.get(i);
                    send(new Request(() -> writer.add(ofNode, flow), "add", 1, false, () -> added(key, flow.cookie()),
                        null));
                }
                return;
            }
            final Map<Long, Short> bundleRemoves = new HashMap<>();
            for (Map.Entry<Long, Short> entry : removes.entrySet()) {
                bundleRemoves.put(entry.getKey(), entry.getValue());
                if (bundleRemoves.size() == BUNDLE_MAX) {
                    sendBundle(List.of(), List.of(), Map.copyOf(bundleRemoves));
                    bundleRemoves.clear();
                }
            }
            int from = 0;
            while (from < adds.size() || !bundleRemoves.isEmpty()) {
                final int to = Math.min(adds.size(), from + BUNDLE_MAX - bundleRemoves.size());
                sendBundle(addKeys.subList(from, to), adds.subList(from, to), Map.copyOf(bundleRemoves));
                bundleRemoves.clear();
                from = to;
            }
        }

        private void sendBundle(final List<Long> addKeys, final List<FlowSpec> adds,
                final Map<Long, Short> removes) {
            final String ofNode = openflowNodeId;
            final List<FlowSpec> bundleAdds = List.copyOf(adds);
            final List<Long> bundleKeys = List.copyOf(addKeys);
            final SwitchChanges changes = SwitchChanges.flows(bundleAdds, removes);
            send(new Request(() -> writer.bundle(ofNode, changes), "bundle", changes.size(), true,
                () -> addedAll(bundleKeys, bundleAdds), this::bundleRefused));
        }

        /**
         * A bundle failed. Refused by the switch (an error names why): one bad flow must not hold back the rest, so
         * flows go one by one until the switch reconnects. Failed with no error (OpenFlowPlugin timed it out under
         * load, the connection dropped): the resync that follows every failure sends a bundle again, and only after
         * {@link #MAX_UNEXPLAINED_BUNDLE_FAILURES} such failures in a row do the flows go one by one.
         */
        private void bundleRefused(final Throwable error) {
            final boolean rejected = SwitchRejectedException.isRejection(error);
            observer.bundleFailed(node, rejected);
            if (flowByFlow) {
                return;
            }
            if (!rejected
                    && ++unexplainedBundleFailures < MAX_UNEXPLAINED_BUNDLE_FAILURES) {
                LOG.info("{}: a bundle on {} failed with no error from the switch ({}); it is sent again as a "
                    + "bundle", node, openflowNodeId, error.getMessage());
                return;
            }
            flowByFlow = true;
            LOG.warn("{}: {} refused a bundle ({}); sending its flows one by one until it reconnects", node,
                openflowNodeId, error.getMessage());
        }

        private boolean isInstalled(final O owner) {
            final Set<Long> keys = keysOfOwner.get(owner);
            if (keys == null) {
                return true;
            }
            if (!synced) {
                return false;
            }
            for (Long key : keys) {
                if (!slots.get(key).isInstalled()) {
                    return false;
                }
            }
            return true;
        }

        /** A bundle adding {@code flows} (of {@code keys}, in the same order) was committed. */
        private void addedAll(final List<Long> keys, final List<FlowSpec> flows) {
            for (int i = 0; i < keys.size(); i++) {
                added(keys.get(i), flows.get(i).cookie());
            }
        }

        private void added(final Long key, final long cookie) {
            final Slot<O> slot = slots.get(key);
            if (slot != null && slot.desired != null && slot.desired.cookie() == cookie && slot.isOnSwitch()
                    && slot.installedCookie == cookie) {
                slot.state = SwitchState.CONFIRMED;
                if (slot.changedAt != 0) {
                    observer.flowConfirmed(System.nanoTime() - slot.changedAt);
                    slot.changedAt = 0;
                }
                final O owner = slot.owner;
                if (owner != null && isInstalled(owner)) {
                    listener.flowsInstalled(node, owner);
                }
            }
        }

        /** Sends a request now, or once {@link #canSend} lets it (the queues keep the order). */
        private void send(final Request request) {
            (request.groups ? queuedGroups : queued).add(request);
            sendQueued();
        }

        /**
         * Whether a request may go now: nothing goes past a bundle in flight, a bundle waits for every request sent
         * before it (a flow-mod and a bundle travel different ways through OpenFlowPlugin and must not overtake
         * each other), and flow-mods go while fewer than {@link #MAX_IN_FLIGHT} are in flight.
         */
        private boolean canSend(final Request request) {
            if (request.groups) {
                return !bundleInFlight && !groupBundleInFlight;
            }
            return !bundleInFlight && (request.bundle ? inFlight == 0 && !groupBundleInFlight
                : inFlight < MAX_IN_FLIGHT);
        }

        private void sendQueued() {
            while (!queued.isEmpty() && canSend(queued.peek())) {
                sendNow(queued.poll());
            }
            if (!queuedGroups.isEmpty() && canSend(queuedGroups.peek())) {
                sendNow(queuedGroups.poll());
            }
        }

        private void sendNow(final Request request) {
            requestsSent++;
            observer.requestSent(node, request.bundle);
            if (request.groups) {
                groupBundleInFlight = true;
            } else {
                inFlight += request.weight;
                bundleInFlight |= request.bundle;
            }
            final long sendEpoch = epoch;
            callback(request.call.get(), sendEpoch, ignored -> succeeded(request), error -> {
                if (request.onFailure != null) {
                    request.onFailure.accept(error);
                }
                failed(request, error, sendEpoch);
            });
        }

        private void succeeded(final Request request) {
            if (request.bundle) {
                unexplainedBundleFailures = 0;
            }
            answered(request);
            if (request.onSuccess != null) {
                request.onSuccess.run();
            }
            if (failures > 0 && isQuiet()) {
                failures = 0;
                observer.switchSettled(node);
            }
        }

        /** A request answered: send what waited for it. */
        private void answered(final Request request) {
            if (request.groups) {
                groupBundleInFlight = false;
            } else {
                inFlight -= request.weight;
                if (request.bundle) {
                    bundleInFlight = false;
                }
            }
            sendQueued();
            if (auditWhenQuiet && isQuiet()) {
                auditWhenQuiet = false;
                auditSoon();
            }
            sealSoon();
        }

        private void failed(final Request request, final Throwable error, final long sendEpoch) {
            answered(request);
            if (retryScheduled) {
                LOG.debug("{}: {} on {} failed: {}", node, request.what, openflowNodeId, error.getMessage());
                return;
            }
            LOG.warn("{}: {} on {} failed: {}; resynchronising the switch in {} s", node, request.what,
                openflowNodeId, error.getMessage(), RETRY_SECONDS);
            failures++;
            observer.switchFailing(node, openflowNodeId, failures, request.what + " failed: " + error.getMessage());
            // What the switch holds is unknown now
            scheduleResync(sendEpoch);
        }

        private void scheduleResync(final long failedEpoch) {
            if (retryScheduled) {
                return;
            }
            retryScheduled = true;
            executor.schedule(() -> {
                retryScheduled = false;
                if (epoch == failedEpoch && openflowNodeId != null) {
                    final String ofNode = openflowNodeId;
                    reset(ofNode);
                    resync();
                }
            }, RETRY_SECONDS, TimeUnit.SECONDS);
        }

        private <T> void callback(final ListenableFuture<T> future, final long callEpoch, final Consumer<T> success,
                final Consumer<Throwable> failure) {
            Futures.addCallback(future, new FutureCallback<T>() {
                @Override
                public void onSuccess(final T result) {
                    if (epoch == callEpoch) {
                        success.accept(result);
                    }
                }

                @Override
                public void onFailure(final Throwable cause) {
                    if (epoch == callEpoch) {
                        failure.accept(cause);
                    }
                }
            }, executor);
        }
    }
}
