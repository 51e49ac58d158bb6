/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.flowtun.impl.health.SwitchFailures;
import org.flowtun.impl.metrics.PrometheusRegistry;
import org.flowtun.impl.metrics.ReconcilerMetrics;
import org.flowtun.impl.testing.RecordingHealth;
import org.junit.After;
import org.junit.Test;

/**
 * The diff logic of the reconciler against a switch modelled as a map of cookies (the OpenFlow side is tested on
 * a real Open vSwitch by the integration tests).
 */
public class FlowReconcilerTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final FakeSwitch ofSwitch = new FakeSwitch();
    private final List<String> installed = new ArrayList<>();
    private final PrometheusRegistry metrics = new PrometheusRegistry();
    /** What the reconciler reported to diagstatus, in order. */
    private final List<String> health = new CopyOnWriteArrayList<>();
    private final FlowReconciler<Owner> reconciler = new FlowReconciler<>(ofSwitch, executor,
        (node, owner) -> installed.add(node + "/" + owner), FlowReconciler.Observer.both(
            new ReconcilerMetrics(metrics), new SwitchFailures(new RecordingHealth(health)).start()));
    /** p1's flow, on the switch before it connects. */
    private final FlowSpec kept = egress(1, 10);
    /** p2's flow, not on the switch. */
    private final FlowSpec missing = egress(2, 10);
    /** A flowtun flow nobody wants, on the switch. */
    private final FlowSpec stale = egress(3, 10);

    @After
    public void tearDown() {
        executor.shutdownNow();
    }

    @Test
    public void onConnectTheSwitchFlowtunFlowsAreReplacedInOneBundleAndOthersLeftAlone() throws Exception {
        connectWithKeptStaleAndForeignFlows();
        settle();
        assertEquals(Set.of(kept.cookie(), missing.cookie(), 0x1234L), ofSwitch.flows.keySet());
        assertEquals(1, ofSwitch.replacements);
        assertEquals(List.of(), ofSwitch.added);
        assertEquals(Set.of("n/p1", "n/p2"), Set.copyOf(installed));
    }

    @Test
    public void aSwitchThatRefusesBundlesIsReadBackAndReconciledFlowByFlow() throws Exception {
        ofSwitch.refuseBundles = true;
        connectWithKeptStaleAndForeignFlows();
        awaitInstalled(2);
        assertEquals(Set.of(kept.cookie(), missing.cookie(), 0x1234L), ofSwitch.flows.keySet());
        assertEquals(1, ofSwitch.replacements);
        assertEquals("only the missing flow is added", List.of(missing), ofSwitch.added);
    }

    @Test
    public void nothingOvertakesABundleInFlight() throws Exception {
        connectEmpty();
        ofSwitch.holdReplies = true;
        final int count = FlowReconciler.BUNDLE_MIN;
        on(() -> {
            for (int i = 1; i <= count; i++) {
                reconciler.setFlows("n", owner("p" + i), List.of(egress(i, 10)));
            }
            reconciler.flush();
            // p1 lets its flow go while the bundle adding it is unanswered
            reconciler.setFlows("n", owner("p1"), List.of());
            reconciler.flush();
        });
        settle();
        assertEquals(1, ofSwitch.bundles);
        assertEquals("the removal waits for the bundle", 0, ofSwitch.removed);
        ofSwitch.releaseHeld(executor);
        settle();
        assertEquals(1, ofSwitch.removed);
        assertEquals(count - 1, ofSwitch.flows.size());
        assertTrue(!ofSwitch.flows.containsKey(egress(1, 10).cookie()));
    }

    @Test
    public void nothingIsSentWhileDisconnectedAndOwnersWaitForTheirFlows() throws Exception {
        on(() -> {
            reconciler.setFlows("n", owner("p1"), List.of(egress(1, 10)));
            reconciler.setFlows("n", owner("empty"), List.of());
            reconciler.flush();
        });
        settle();
        assertEquals(List.of(), ofSwitch.added);
        assertEquals(List.of("n/empty"), installed);
        on(() -> reconciler.connected("n", "openflow:1"));
        settle();
        assertEquals(1, ofSwitch.replacements);
        assertEquals(Set.of(egress(1, 10).cookie()), ofSwitch.flows.keySet());
        assertEquals(List.of("n/empty", "n/p1"), installed);
    }

    @Test
    public void aFlowTakenOverByAnotherOwnerStaysWhenTheFirstLetsGo() throws Exception {
        final FlowSpec shared = egress(1, 10);
        final FlowSpec own = egress(2, 10);
        connectEmpty();
        on(() -> {
            reconciler.setFlows("n", owner("p1"), List.of(shared, own));
            reconciler.setFlows("n", owner("p2"), List.of(shared));
            reconciler.flush();
        });
        settle();
        assertTrue(installed.containsAll(List.of("n/p1", "n/p2")));
        assertEquals("p2", reconciler.expectedFlows("n").owners().get(shared));
        assertEquals("p1", reconciler.expectedFlows("n").owners().get(own));
        // p1 gives up its flows: the one p2 took over stays on the switch, p1's own goes
        on(() -> {
            reconciler.setFlows("n", owner("p1"), List.of());
            reconciler.flush();
        });
        settle();
        assertEquals(Map.of(shared.cookie(), Pipeline.EGRESS), ofSwitch.flowsByKey());
        assertEquals(1, reconciler.flowCount("n"));
        on(() -> {
            reconciler.setFlows("n", owner("p2"), List.of());
            reconciler.flush();
        });
        settle();
        assertEquals(Map.of(), ofSwitch.flowsByKey());
        assertEquals(0, reconciler.flowCount("n"));
        assertEquals(Map.of(), reconciler.expectedFlows("n").owners());
    }

    @Test
    public void aFlowGivenUpWhileDisconnectedIsRemovedAsStaleOnReconnect() throws Exception {
        final FlowSpec gone = egress(1, 10);
        final FlowSpec stays = egress(2, 10);
        on(() -> {
            reconciler.connected("n", "openflow:1");
            reconciler.setFlows("n", owner("p1"), List.of(gone));
            reconciler.setFlows("n", owner("p2"), List.of(stays));
            reconciler.flush();
        });
        settle();
        assertEquals(Set.of(gone.cookie(), stays.cookie()), ofSwitch.flows.keySet());
        on(() -> {
            reconciler.disconnected("n");
            reconciler.setFlows("n", owner("p1"), List.of());
            reconciler.flush();
        });
        settle();
        assertEquals("nothing is sent while disconnected", Set.of(gone.cookie(), stays.cookie()),
            ofSwitch.flows.keySet());
        assertEquals(1, reconciler.flowCount("n"));
        installed.clear();
        connectEmpty();
        assertEquals(Set.of(stays.cookie()), ofSwitch.flows.keySet());
        assertEquals(List.of(stays), List.copyOf(reconciler.flows("n", owner("p2"))));
        assertEquals(List.of("n/p2"), installed);
    }

    @Test
    public void aChangedFlowIsRewrittenAndARemovedOneDeleted() throws Exception {
        connectEmpty();
        on(() -> {
            reconciler.setFlows("n", owner("p1"), List.of(egress(1, 10)));
            reconciler.setFlows("n", owner("p2"), List.of(egress(2, 10)));
            reconciler.flush();
        });
        settle();
        on(() -> {
            reconciler.setFlows("n", owner("p1"), List.of(egress(1, 11)));
            reconciler.setFlows("n", owner("p2"), List.of());
            reconciler.flush();
        });
        settle();
        // OpenFlow replaces a flow with the same match: the switch holds the new p1 flow only
        assertEquals(Map.of(egress(1, 11).cookie(), Pipeline.EGRESS), ofSwitch.flowsByKey());
    }

    @Test
    public void manyFlowsGoOutInBoundedWindowsAndAllArrive() throws Exception {
        connectEmpty();
        ofSwitch.holdReplies = true;
        on(() -> {
            // one flow per flush: each goes as a flow-mod of its own (too few for a bundle)
            for (int i = 1; i <= FlowReconciler.MAX_IN_FLIGHT + 500; i++) {
                reconciler.setFlows("n", owner("p" + i), List.of(egress(i, 10)));
                reconciler.flush();
            }
        });
        settle();
        assertEquals(FlowReconciler.MAX_IN_FLIGHT, ofSwitch.held.size());
        assertEquals(0, ofSwitch.bundles);
        ofSwitch.releaseHeld(executor);
        settle();
        assertEquals(FlowReconciler.MAX_IN_FLIGHT + 500, ofSwitch.flows.size());
    }

    @Test
    public void manyChangesAtOnceGoAsBundlesOfBoundedSize() throws Exception {
        connectEmpty();
        final int count = FlowReconciler.BUNDLE_MAX + 500;
        wantEgressFlows(count);
        settle();
        assertEquals(2, ofSwitch.bundles);
        assertEquals(List.of(), ofSwitch.added);
        assertEquals(count, ofSwitch.flows.size());
        assertEquals(count, installed.size());
        // and removing them all goes as bundles too
        on(() -> {
            for (int i = 1; i <= count; i++) {
                reconciler.setFlows("n", owner("p" + i), List.of());
            }
            reconciler.flush();
        });
        settle();
        assertEquals(4, ofSwitch.bundles);
        assertEquals(Map.of(), ofSwitch.flowsByKey());
    }

    @Test
    public void groupsAreAddedThenModifiedInPlaceOnlyWhereChangedAndRemovedWithTheirFlow() throws Exception {
        connectEmpty();
        final GroupSpec chained = new GroupSpec(Pipeline.floodSubGroup(7, 0), List.of(List.of(
            FlowAction.setTunnelIpv4Dst(10), FlowAction.output(1))));
        final GroupSpec group = new GroupSpec(Pipeline.floodGroup(7), List.of(List.of(FlowAction.output(3)),
            List.of(FlowAction.group(chained.groupId()))));
        final FlowSpec flood = flood(group, chained);
        assertEquals("written after the groups it needs", List.of(chained, group), flood.groups());
        want(flood);
        awaitInstalled(1);
        assertEquals(List.of(chained, group), ofSwitch.addedGroups);

        // a host more in the chained group: that group alone is modified in place
        final GroupSpec chainedMore = new GroupSpec(chained.groupId(), List.of(chained.buckets().get(0),
            List.of(FlowAction.setTunnelIpv4Dst(11), FlowAction.output(1))));
        want(flood(group, chainedMore));
        settle();
        assertEquals(List.of(chainedMore), ofSwitch.modifiedGroups);
        assertEquals("nothing removed while they are in use", List.of(), ofSwitch.removedGroups);

        // the flow goes: with it its groups, the one it sends to first
        on(() -> {
            reconciler.setFlows("n", owner("net"), List.of());
            reconciler.flush();
        });
        settle();
        assertEquals(List.of(group.groupId(), chained.groupId()), ofSwitch.removedGroups);
        assertEquals("the flow itself removed by its cookie first", 1, ofSwitch.removed);
    }

    @Test
    public void flowModsDoNotWaitForAGroupBundleInFlight() throws Exception {
        connectEmpty();
        final GroupSpec group = new GroupSpec(Pipeline.floodGroup(7), List.of(List.of(FlowAction.output(3))));
        ofSwitch.holdReplies = true;
        want(FlowSpec.builder(FlowApp.L2, Pipeline.L2_LOOKUP, Pipeline.FLOOD_PRIORITY).matchMetadata(7)
            .matchMulticast().applyGroup(group, List.of()).build());
        on(() -> {
            reconciler.setFlows("n", owner("p1"), List.of(egress(1, 10)));
            reconciler.flush();
        });
        settle();
        assertEquals("the group bundle is unanswered", 1, ofSwitch.bundles);
        assertEquals("the flow-mod went all the same", List.of(egress(1, 10)), ofSwitch.added);
        ofSwitch.releaseHeld(executor);
        awaitInstalled(2);
    }

    @Test
    public void aSealedSwitchKeepsItsFlowsWhenAnotherMemberTakesItOver() throws Exception {
        final int count = 300;
        final FlowReconciler<Owner> previous = sealingReconciler(new ArrayList<>());
        on(() -> {
            for (int i = 1; i <= count; i++) {
                previous.setFlows("n", owner("p" + i), List.of(egress(i, 10)));
            }
            previous.flush();
            previous.connected("n", "openflow:1");
        });
        awaitUntil(() -> ofSwitch.seals.size() == Pipeline.SEALS);
        assertEquals(Pipeline.SEALS, ofSwitch.seals.size());
        assertEquals(1, ofSwitch.replacements);
        final int bundlesBefore = ofSwitch.bundles;

        // the previous owner is gone; the new one wants the same flows, one of them changed, and one more
        final List<String> told = new ArrayList<>();
        final FlowReconciler<Owner> next = sealingReconciler(told);
        final FlowSpec moved = egress(7, 20);
        final FlowSpec added = egress(count + 1, 10);
        on(() -> {
            for (int i = 1; i <= count; i++) {
                next.setFlows("n", owner("p" + i), List.of(i == 7 ? moved : egress(i, 10)));
            }
            next.setFlows("n", owner("p" + (count + 1)), List.of(added));
            next.flush();
            next.connected("n", "openflow:1");
        });
        awaitUntil(() -> told.size() == count + 1);
        assertEquals(count + 1, told.size());
        assertEquals("nothing replaced whole", 1, ofSwitch.replacements);
        assertEquals("one bundle for the buckets that changed", bundlesBefore + 1, ofSwitch.bundles);
        final Set<Integer> changedBuckets = Set.of(Pipeline.sealBucket(moved.cookie()),
            Pipeline.sealBucket(egress(7, 10).cookie()), Pipeline.sealBucket(added.cookie()));
        final long resent = wanted(next).stream().filter(flow -> changedBuckets.contains(
            Pipeline.sealBucket(flow.cookie()))).count();
        assertEquals("only the flows of those buckets are sent", resent, ofSwitch.lastBundleAdds);
        assertTrue(resent < count / 10);
        assertEquals(wanted(next).stream().map(FlowSpec::cookie).collect(Collectors.toSet()),
            ofSwitch.flowtunCookies());
        // the count at rest agrees: nothing is replaced afterwards
        on(next::auditAll);
        awaitUntil(() -> ofSwitch.counts > 0);
        settle();
        assertEquals(1, ofSwitch.replacements);
    }

    @Test
    public void aSwitchWhoseSealsNobodyVouchedForLatelyIsReplaced() throws Exception {
        final FlowReconciler<Owner> previous = sealingReconciler(new ArrayList<>());
        on(() -> {
            previous.setFlows("n", owner("p1"), List.of(egress(1, 10)));
            previous.flush();
            previous.connected("n", "openflow:1");
        });
        awaitUntil(() -> ofSwitch.seals.size() == Pipeline.SEALS);
        synchronized (ofSwitch) {
            ofSwitch.seals.values().forEach(seal -> seal[1] -= TimeUnit.SECONDS.toNanos(
                FlowReconciler.SEAL_MAX_AGE_SECONDS + 1));
        }
        final FlowReconciler<Owner> next = sealingReconciler(new ArrayList<>());
        on(() -> {
            next.setFlows("n", owner("p1"), List.of(egress(1, 10)));
            next.flush();
            next.connected("n", "openflow:1");
        });
        awaitReplacements(2);
    }

    @Test
    public void aFlowDeletedBehindTheSealsBackIsPutBackByTheCountThatFollowsATakeover() throws Exception {
        final FlowReconciler<Owner> previous = sealingReconciler(new ArrayList<>());
        on(() -> {
            previous.setFlows("n", owner("p1"), List.of(egress(1, 10)));
            previous.setFlows("n", owner("p2"), List.of(egress(2, 10)));
            previous.flush();
            previous.connected("n", "openflow:1");
        });
        awaitUntil(() -> ofSwitch.seals.size() == Pipeline.SEALS);
        ofSwitch.delete(egress(2, 10).cookie());
        final FlowReconciler<Owner> next = sealingReconciler(new ArrayList<>());
        on(() -> {
            next.setFlows("n", owner("p1"), List.of(egress(1, 10)));
            next.setFlows("n", owner("p2"), List.of(egress(2, 10)));
            next.flush();
            next.connected("n", "openflow:1");
        });
        // the seals say all is there; the count says one is missing: the switch is replaced
        awaitReplacements(2);
        assertEquals(Set.of(egress(1, 10).cookie(), egress(2, 10).cookie()), ofSwitch.flowtunCookies());
    }

    @Test
    public void aReconcilerThatDoesNotSealReplacesOnConnectAndWritesNoSeal() throws Exception {
        connectWithTwoFlows();
        Thread.sleep(FlowReconciler.SEAL_DELAY_MILLIS * 2);
        settle();
        assertEquals(Map.of(), ofSwitch.seals);
        assertEquals(0, ofSwitch.sealReads);
    }

    private FlowReconciler<Owner> sealingReconciler(final List<String> told) {
        final FlowReconciler<Owner> sealing = new FlowReconciler<>(ofSwitch, executor,
            (node, owner) -> told.add(node + "/" + owner));
        sealing.sealSwitches();
        return sealing;
    }

    private List<FlowSpec> wanted(final FlowReconciler<Owner> of) throws Exception {
        return List.copyOf(onExecutor(() -> of.expectedFlows("n").owners().keySet()));
    }

    private static FlowSpec flood(final GroupSpec group, final GroupSpec chained) {
        return FlowSpec.builder(FlowApp.L2, Pipeline.L2_LOOKUP, Pipeline.FLOOD_PRIORITY)
            .matchMetadata(7).matchMulticast().applyGroup(group, List.of(chained)).build();
    }

    private void want(final FlowSpec flow) throws Exception {
        on(() -> {
            reconciler.setFlows("n", owner("net"), List.of(flow));
            reconciler.flush();
        });
    }

    @Test
    public void aBundleThatFailsWithNoErrorFromTheSwitchIsSentAgainAsABundle() throws Exception {
        connectEmpty();
        ofSwitch.bundlesFailingSilently = 1;
        final int count = FlowReconciler.BUNDLE_MIN * 2;
        wantEgressFlows(count);
        awaitInstalled(count);
        assertEquals("nothing flow by flow", List.of(), ofSwitch.added);
        assertEquals(count, ofSwitch.flows.size());
        assertEquals("the failed bundle, then the switch replaced in one", 2, ofSwitch.bundles);
        assertEquals(1, ofSwitch.replacements);
    }

    @Test
    public void metricsCountRequestsAndReplacementsAndTheTimeFromAChangeToItsFlowsOnTheSwitch() throws Exception {
        connectEmpty();
        final int count = FlowReconciler.BUNDLE_MIN * 2;
        final long changeArrived = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(50);
        on(() -> {
            reconciler.changesSince(changeArrived);
            for (int i = 1; i <= count; i++) {
                reconciler.setFlows("n", owner("p" + i), List.of(egress(i, 10)));
            }
            reconciler.flush();
            reconciler.changesSince(0);
            reconciler.setFlows("n", owner("not-from-a-change"), List.of(egress(count + 1, 10)));
            reconciler.flush();
        });
        awaitInstalled(count + 1);
        assertEquals("every flow of the change, and no other", count,
            metrics.sample("flowtun_flow_convergence_seconds_count"), 0);
        assertTrue("each at least 50 ms after its change", metrics.sample("flowtun_flow_convergence_seconds_sum")
            >= count * 0.05);
        assertEquals("the replacement on connect, then the change's bundle", 2,
            metrics.sample("flowtun_switch_bundles_total", "node", "n"), 0);
        assertEquals(1, metrics.sample("flowtun_switch_flow_mods_total", "node", "n"), 0);
        assertEquals(1, metrics.sample("flowtun_switch_replacements_total", "node", "n"), 0);
        final FlowReconciler.SwitchStats stats = onExecutor(() -> reconciler.switchStats()).get(0);
        assertEquals(List.of(count + 1, count + 1, 0, 0), List.of(stats.wanted, stats.confirmed, stats.missing(),
            stats.stale));
        assertTrue(stats.connected);
    }

    @Test
    public void flowsHealthIsInErrorWhileASwitchKeepsFailingAndOperationalOnceItHoldsWhatIsWanted()
            throws Exception {
        connectEmpty();
        ofSwitch.bundlesFailingSilently = 1;
        ofSwitch.replacementsFailing = SwitchFailures.FAILURES_FOR_ERROR - 1;
        final int count = FlowReconciler.BUNDLE_MIN;
        wantEgressFlows(count);
        awaitInstalled(count);
        awaitUntil(() -> health.get(health.size() - 1).startsWith("OPERATIONAL"));
        assertEquals(3, health.size());
        assertEquals("OPERATIONAL " + SwitchFailures.OPERATIONAL, health.get(0));
        assertTrue(health.get(1), health.get(1).startsWith("ERROR 1 switch(es) failing: n (openflow:1): 3 failures "
            + "in a row, last: replace failed: commit failed"));
        assertEquals("OPERATIONAL " + SwitchFailures.OPERATIONAL, health.get(2));
        assertEquals(3, metrics.sample("flowtun_switch_request_failures_total", "node", "n"), 0);
        assertEquals(3, metrics.sample("flowtun_switch_bundles_failed_total", "node", "n", "reason", "unexplained"),
            0);
    }

    @Test
    public void aBundleTheSwitchRefusesIsRetriedFlowByFlow() throws Exception {
        connectEmpty();
        ofSwitch.refuseBundles = true;
        final int count = FlowReconciler.BUNDLE_MIN * 2;
        wantEgressFlows(count);
        awaitInstalled(count);
        assertEquals(1, ofSwitch.bundles);
        assertEquals(count, ofSwitch.added.size());
        assertEquals(count, ofSwitch.flows.size());
        assertEquals(count, installed.size());
    }

    @Test
    public void aFlowDeletedBehindFlowtunsBackIsPutBackAfterTheSwitchSaysSo() throws Exception {
        connectWithTwoFlows();
        // someone deletes p1's flow; the switch sends flow-removed
        ofSwitch.delete(egress(1, 10).cookie());
        on(() -> reconciler.flowRemoved("openflow:1"));
        awaitReplacements(1);
        assertEquals(Set.of(egress(1, 10).cookie(), egress(2, 10).cookie()), ofSwitch.flowtunCookies());
        assertEquals(Set.of(0x1234L), ofSwitch.foreignCookies());
    }

    @Test
    public void flowRemovedForFlowtunsOwnRemovalChangesNothing() throws Exception {
        connectWithTwoFlows();
        on(() -> {
            reconciler.setFlows("n", owner("p2"), List.of());
            reconciler.flush();
            reconciler.flowRemoved("openflow:1");
        });
        Thread.sleep(FlowReconciler.AUDIT_DELAY_MILLIS * 3);
        settle();
        assertEquals(1, ofSwitch.counts);
        assertEquals(0, ofSwitch.replacements);
        assertEquals(Set.of(egress(1, 10).cookie()), ofSwitch.flowtunCookies());
    }

    @Test
    public void theAuditReplacesTheFlowsOfASwitchThatHoldsOthersThanWanted() throws Exception {
        connectWithTwoFlows();
        on(reconciler::auditAll);
        settle();
        assertEquals("the count is right: nothing is sent", 0, ofSwitch.replacements);
        // all flows deleted at once (ovs-ofctl del-flows) with no flow-removed heard, and a stale one added
        ofSwitch.delete(egress(1, 10).cookie());
        ofSwitch.delete(egress(2, 10).cookie());
        on(reconciler::auditAll);
        settle();
        assertEquals(1, ofSwitch.replacements);
        assertEquals(Set.of(egress(1, 10).cookie(), egress(2, 10).cookie()), ofSwitch.flowtunCookies());
        ofSwitch.flows.put(stale.cookie(), stale.table());
        on(reconciler::auditAll);
        settle();
        assertEquals(2, ofSwitch.replacements);
        assertEquals(Set.of(egress(1, 10).cookie(), egress(2, 10).cookie()), ofSwitch.flowtunCookies());
    }

    @Test
    public void anAuditWaitsUntilWhatFlowtunSentIsAnswered() throws Exception {
        connectWithTwoFlows();
        ofSwitch.holdReplies = true;
        on(() -> {
            reconciler.setFlows("n", owner("p3"), List.of(egress(3, 10)));
            reconciler.flush();
            reconciler.auditAll();
        });
        settle();
        assertEquals("not counted while a flow is in flight", 0, ofSwitch.counts);
        ofSwitch.releaseHeld(executor);
        awaitUntil(() -> ofSwitch.counts > 0);
        assertEquals(1, ofSwitch.counts);
        assertEquals(0, ofSwitch.replacements);
    }

    @Test
    public void aRefreshSendsEveryWantedFlowAgainWithoutRemovingAny() throws Exception {
        connectEmpty();
        final int count = FlowReconciler.BUNDLE_MIN + 5;
        wantEgressFlows(count);
        settle();
        installed.clear();
        ofSwitch.bundles = 0;
        on(reconciler::refreshAll);
        settle();
        assertEquals(1, ofSwitch.bundles);
        assertEquals(count, ofSwitch.lastBundleAdds);
        assertEquals(0, ofSwitch.lastBundleRemoves);
        assertEquals(count, ofSwitch.flows.size());
        assertEquals("owners are not told again", List.of(), installed);
    }

    /** p1 and p2 want a flow each, on a switch that holds them and another application's flow (0x1234). */
    private void connectWithTwoFlows() throws Exception {
        ofSwitch.flows.put(0x1234L, (short) 0);
        connectEmpty();
        on(() -> {
            reconciler.setFlows("n", owner("p1"), List.of(egress(1, 10)));
            reconciler.setFlows("n", owner("p2"), List.of(egress(2, 10)));
            reconciler.flush();
        });
        settle();
        ofSwitch.counts = 0;
        assertEquals(Set.of(egress(1, 10).cookie(), egress(2, 10).cookie()), ofSwitch.flowtunCookies());
    }

    private void awaitReplacements(final int count) throws Exception {
        awaitUntil(() -> ofSwitch.replacements >= count);
        assertEquals(count, ofSwitch.replacements);
    }

    /** p1 wants {@link #kept}, p2 {@link #missing}; the switch holds kept, stale and another app's flow (0x1234). */
    private void connectWithKeptStaleAndForeignFlows() throws Exception {
        ofSwitch.flows.put(kept.cookie(), kept.table());
        ofSwitch.flows.put(stale.cookie(), stale.table());
        ofSwitch.flows.put(0x1234L, (short) 0);
        on(() -> {
            reconciler.setFlows("n", owner("p1"), List.of(kept));
            reconciler.setFlows("n", owner("p2"), List.of(missing));
            reconciler.flush();
            reconciler.connected("n", "openflow:1");
        });
    }

    /** Connects the node's switch (an empty replacement) and forgets that bundle in the counts. */
    /** Owners p1..p{@code count} each want one egress flow; flushed at once. */
    private void wantEgressFlows(final int count) throws Exception {
        on(() -> {
            for (int i = 1; i <= count; i++) {
                reconciler.setFlows("n", owner("p" + i), List.of(egress(i, 10)));
            }
            reconciler.flush();
        });
    }

    private void connectEmpty() throws Exception {
        on(() -> reconciler.connected("n", "openflow:1"));
        settle();
        ofSwitch.bundles = 0;
        ofSwitch.replacements = 0;
    }

    private void awaitInstalled(final int count) throws Exception {
        awaitUntil(() -> installed.size() >= count);
        assertEquals(count, installed.size());
    }

    /** Lets the executor work until {@code done} (10 s at most; the caller asserts what it waited for). */
    private void awaitUntil(final java.util.function.BooleanSupplier done) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            settle();
        }
        settle();
    }

    private static FlowSpec egress(final long port, final long destination) {
        return FlowSpec.builder(FlowApp.TUNNEL, Pipeline.EGRESS, Pipeline.PORT_PRIORITY).matchReg7(port)
            .apply(FlowAction.setTunnelIpv4Dst(destination)).apply(FlowAction.output(1)).build();
    }

    private void on(final Runnable task) throws Exception {
        executor.submit(task).get(5, TimeUnit.SECONDS);
    }

    private <T> T onExecutor(final Callable<T> task) throws Exception {
        return executor.submit(task).get(5, TimeUnit.SECONDS);
    }

    /** Lets every queued callback run (they run on the executor, in order). */
    private void settle() throws Exception {
        for (int i = 0; i < 5; i++) {
            executor.submit((Callable<Void>) () -> null).get(5, TimeUnit.SECONDS);
        }
    }

    private static Owner owner(final String name) {
        return new Owner(name);
    }

    /** An owner named by a string. */
    private static final class Owner implements FlowOwner {
        private final String name;

        Owner(final String name) {
            this.name = name;
        }

        @Override
        public boolean equals(final Object obj) {
            return obj instanceof Owner && name.equals(((Owner) obj).name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A switch as a table of cookies; answers at once unless told to hold the replies. */
    private static final class FakeSwitch implements FlowWriter {
        final Map<Long, Short> flows = new HashMap<>();
        final Map<Long, Long> keys = new HashMap<>();
        final List<FlowSpec> added = new ArrayList<>();
        final List<Runnable> held = new ArrayList<>();
        boolean holdReplies;
        boolean refuseBundles;
        final List<GroupSpec> addedGroups = new ArrayList<>();
        final List<GroupSpec> modifiedGroups = new ArrayList<>();
        final List<Long> removedGroups = new ArrayList<>();
        /** Bundles still to fail with no error from the switch (as OpenFlowPlugin times them out under load). */
        int bundlesFailingSilently;
        /** Replacements still to fail with no error from the switch. */
        int replacementsFailing;
        int bundles;
        int replacements;
        int removed;
        int counts;
        int lastBundleAdds;
        int lastBundleRemoves;
        int sealReads;
        /** Seal index to its cookie and when it was written (System.nanoTime). */
        final Map<Integer, long[]> seals = new HashMap<>();

        @Override
        public synchronized ListenableFuture<?> add(final String openflowNodeId, final FlowSpec flow) {
            added.add(flow);
            install(flow);
            return reply();
        }

        @Override
        public synchronized ListenableFuture<?> bundle(final String openflowNodeId, final SwitchChanges changes) {
            final List<FlowSpec> adds = changes.flowAdditions();
            final Map<Long, Short> removes = changes.flowRemovals();
            bundles++;
            if (refuseBundles) {
                return Futures.immediateFailedFuture(new SwitchRejectedException("bundle refused"));
            }
            if (bundlesFailingSilently > 0) {
                bundlesFailingSilently--;
                return Futures.immediateFailedFuture(new IllegalStateException("commit failed: []"));
            }
            lastBundleAdds = adds.size();
            lastBundleRemoves = removes.size();
            addedGroups.addAll(changes.groupAdditions());
            modifiedGroups.addAll(changes.groupModifications());
            removedGroups.addAll(changes.groupRemovals());
            flows.keySet().removeIf(cookie -> Pipeline.isFlowtunCookie(cookie)
                && changes.bucketRemovals().contains(Pipeline.sealBucket(cookie)));
            keys.keySet().retainAll(flows.keySet());
            removes.keySet().forEach(cookie -> {
                flows.remove(cookie);
                keys.remove(cookie);
            });
            adds.forEach(this::install);
            writeSeals(changes.seals());
            return reply();
        }

        private void writeSeals(final Map<Integer, Long> written) {
            final long now = System.nanoTime();
            written.forEach((index, cookie) -> seals.put(index, new long[] {cookie, now}));
        }

        @Override
        public synchronized ListenableFuture<Map<Integer, Seal>> seals(final String openflowNodeId) {
            sealReads++;
            final long now = System.nanoTime();
            final Map<Integer, Seal> read = new HashMap<>();
            seals.forEach((index, seal) -> read.put(index, new Seal(seal[0],
                TimeUnit.NANOSECONDS.toSeconds(now - seal[1]))));
            return Futures.immediateFuture(read);
        }

        @Override
        public synchronized ListenableFuture<?> replace(final String openflowNodeId, final List<FlowSpec> wanted,
                final Map<Integer, Long> written) {
            bundles++;
            replacements++;
            if (refuseBundles) {
                return Futures.immediateFailedFuture(new SwitchRejectedException("bundle refused"));
            }
            if (replacementsFailing > 0) {
                replacementsFailing--;
                return Futures.immediateFailedFuture(new IllegalStateException("commit failed: []"));
            }
            flows.keySet().removeIf(cookie -> (cookie & Pipeline.FLOWTUN_COOKIE_MASK) == Pipeline.FLOWTUN_COOKIE);
            keys.keySet().retainAll(flows.keySet());
            wanted.forEach(this::install);
            writeSeals(written);
            return reply();
        }

        private void install(final FlowSpec flow) {
            keys.entrySet().removeIf(entry -> {
                if (entry.getValue().equals(flow.key())) {
                    flows.remove(entry.getKey());
                    return true;
                }
                return false;
            });
            flows.put(flow.cookie(), flow.table());
            keys.put(flow.cookie(), flow.key());
        }

        @Override
        public synchronized ListenableFuture<?> remove(final String openflowNodeId, final short table,
                final long cookie) {
            removed++;
            flows.remove(cookie);
            keys.remove(cookie);
            return reply();
        }

        @Override
        public synchronized ListenableFuture<Map<Long, Short>> installedFlows(final String openflowNodeId) {
            return Futures.immediateFuture(flows.entrySet().stream()
                .filter(entry -> (entry.getKey() & Pipeline.FLOWTUN_COOKIE_MASK) == Pipeline.FLOWTUN_COOKIE)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        }

        @Override
        public synchronized ListenableFuture<Long> countFlows(final String openflowNodeId) {
            counts++;
            return Futures.immediateFuture((long) flowtunCookies().size());
        }

        /** Deletes a flow as someone else would (nothing tells the reconciler). */
        synchronized void delete(final long cookie) {
            flows.remove(cookie);
            keys.remove(cookie);
        }

        synchronized Set<Long> flowtunCookies() {
            return flows.keySet().stream().filter(Pipeline::isFlowtunCookie).collect(Collectors.toSet());
        }

        synchronized Set<Long> foreignCookies() {
            return flows.keySet().stream().filter(cookie -> !Pipeline.isFlowtunCookie(cookie))
                .collect(Collectors.toSet());
        }

        synchronized Map<Long, Short> flowsByKey() {
            return Map.copyOf(flows);
        }

        private ListenableFuture<?> reply() {
            if (!holdReplies) {
                return Futures.immediateFuture(null);
            }
            final com.google.common.util.concurrent.SettableFuture<Object> future =
                com.google.common.util.concurrent.SettableFuture.create();
            held.add(() -> future.set(null));
            return future;
        }

        void releaseHeld(final ScheduledExecutorService executor) throws Exception {
            holdReplies = false;
            final List<Runnable> replies;
            synchronized (this) {
                replies = List.copyOf(held);
                held.clear();
            }
            replies.forEach(Runnable::run);
        }
    }
}
