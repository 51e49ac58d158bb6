/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.flowtun.impl.flow.FlowReconciler;
import org.flowtun.impl.metrics.ConfinedCollector;
import org.flowtun.impl.metrics.FlowtunMetrics;
import org.flowtun.impl.metrics.ReconcilerMetrics;

/**
 * The locality service's metrics: what it holds (lports, networks, chassis, nodes) and every switch's flows, read
 * on the locality thread at each scrape; and each batch's size and time, observed as it ends.
 */
final class LocalityMetrics implements AutoCloseable {
    private final FlowtunMetrics metrics;
    private final Histogram batchLports = Histogram.build("flowtun_locality_batch_lports",
        "lports placed per locality batch (all changes that arrived since the previous batch)")
        .buckets(1, 10, 100, 1_000, 10_000, 100_000).create();
    private final Histogram batchSeconds = Histogram.build("flowtun_locality_batch_seconds",
        "Time of one locality batch, from its start to its flows handed to the switches and its state written")
        .buckets(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30).create();
    private final ConfinedCollector state;

    LocalityMetrics(final FlowtunMetrics metrics, final LocalityEngine engine,
            final FlowReconciler<?> reconciler, final Executor localityThread) {
        this.metrics = metrics;
        this.state = new ConfinedCollector(localityThread, () -> samples(engine, reconciler));
        List.of(batchLports, batchSeconds, state).forEach(metrics::register);
    }

    void batchDone(final int lports, final long nanos) {
        batchLports.observe(lports);
        batchSeconds.observe(nanos / (double) TimeUnit.SECONDS.toNanos(1));
    }

    private static List<MetricFamilySamples> samples(final LocalityEngine engine, final FlowReconciler<?> reconciler) {
        final List<MetricFamilySamples> samples = new ArrayList<>();
        samples.add(new GaugeMetricFamily("flowtun_lports", "Logical ports configured", engine.lportCount()));
        samples.add(new GaugeMetricFamily("flowtun_networks", "Networks configured", engine.networkCount()));
        samples.add(new GaugeMetricFamily("flowtun_chassis", "Chassis registered", engine.chassisCount()));
        samples.add(new GaugeMetricFamily("flowtun_nodes", "Nodes (switches flowtun knows over OVSDB)",
            engine.nodeCount()));
        samples.addAll(ReconcilerMetrics.switchFlows(reconciler.switchStats()));
        return samples;
    }

    @Override
    public void close() {
        List.of(batchLports, batchSeconds, state).forEach(metrics::unregister);
    }
}
