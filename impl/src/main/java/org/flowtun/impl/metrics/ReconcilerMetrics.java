/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.metrics;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Counter;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowtun.impl.flow.FlowReconciler;

/**
 * The flow reconciler's metrics: per switch, requests and bundles sent, bundles failed, replacements; the time
 * from a data-tree change to its flows confirmed on the switch (a histogram); and, from {@link #switchFlows},
 * the flows each switch should hold, holds, misses and holds stale.
 */
public final class ReconcilerMetrics implements FlowReconciler.Observer, AutoCloseable {
    private final FlowtunMetrics metrics;
    private final Counter flowMods = Counter.build("flowtun_switch_flow_mods_total",
        "Flow-mods sent to the switch one by one (outside bundles)").labelNames("node").create();
    private final Counter bundles = Counter.build("flowtun_switch_bundles_total",
        "OpenFlow bundles sent to the switch (flows and groups committed at once)").labelNames("node").create();
    private final Counter bundlesFailed = Counter.build("flowtun_switch_bundles_failed_total",
        "Bundles that failed: reason=rejected (the switch refused one) or unexplained (no error from the switch)")
        .labelNames("node", "reason").create();
    private final Counter replacements = Counter.build("flowtun_switch_replacements_total",
        "Every flowtun flow of the switch replaced in one bundle (it connected or reconnected, or a request failed)")
        .labelNames("node").create();
    private final Counter failures = Counter.build("flowtun_switch_request_failures_total",
        "Requests to the switch that failed (each followed by a resynchronisation)").labelNames("node").create();
    private final Histogram convergence = Histogram.build("flowtun_flow_convergence_seconds",
        "From a data-tree change (RESTCONF write) to each of its flows confirmed by a switch")
        .buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60).create();

    public ReconcilerMetrics(final FlowtunMetrics metrics) {
        this.metrics = metrics;
        List.of(flowMods, bundles, bundlesFailed, replacements, failures, convergence).forEach(metrics::register);
    }

    @Override
    public void requestSent(final String node, final boolean bundle) {
        (bundle ? bundles : flowMods).labels(node).inc();
    }

    @Override
    public void bundleFailed(final String node, final boolean rejected) {
        bundlesFailed.labels(node, rejected ? "rejected" : "unexplained").inc();
    }

    @Override
    public void replacing(final String node) {
        replacements.labels(node).inc();
    }

    @Override
    public void flowConfirmed(final long nanos) {
        convergence.observe(nanos / (double) TimeUnit.SECONDS.toNanos(1));
    }

    @Override
    public void switchFailing(final String node, final String openflowNodeId, final int count, final String reason) {
        failures.labels(node).inc();
    }

    /** The per-switch flow gauges, from the reconciler's {@link FlowReconciler#switchStats()}. */
    public static List<MetricFamilySamples> switchFlows(final List<FlowReconciler.SwitchStats> stats) {
        final List<String> node = List.of("node");
        final GaugeMetricFamily connected = new GaugeMetricFamily("flowtun_switch_connected",
            "1 while the switch is connected over OpenFlow", node);
        final GaugeMetricFamily wanted = new GaugeMetricFamily("flowtun_switch_flows_wanted",
            "Flows flowtun wants on the switch", node);
        final GaugeMetricFamily confirmed = new GaugeMetricFamily("flowtun_switch_flows_confirmed",
            "Wanted flows the switch confirmed holding", node);
        final GaugeMetricFamily missing = new GaugeMetricFamily("flowtun_switch_flows_missing",
            "Wanted flows not confirmed on the switch (pending, in flight, or the switch not connected)", node);
        final GaugeMetricFamily stale = new GaugeMetricFamily("flowtun_switch_flows_stale",
            "Flows on the switch no longer wanted (their removal pending or in flight)", node);
        for (FlowReconciler.SwitchStats switchStats : stats) {
            final List<String> label = List.of(switchStats.node);
            connected.addMetric(label, switchStats.connected ? 1 : 0);
            wanted.addMetric(label, switchStats.wanted);
            confirmed.addMetric(label, switchStats.confirmed);
            missing.addMetric(label, switchStats.missing());
            stale.addMetric(label, switchStats.stale);
        }
        return List.of(connected, wanted, confirmed, missing, stale);
    }

    @Override
    public void close() {
        List.of(flowMods, bundles, bundlesFailed, replacements, failures, convergence).forEach(metrics::unregister);
    }
}
