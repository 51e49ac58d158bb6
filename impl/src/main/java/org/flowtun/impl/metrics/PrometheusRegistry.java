/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.hotspot.GarbageCollectorExports;
import io.prometheus.client.hotspot.MemoryPoolsExports;
import io.prometheus.client.hotspot.StandardExports;
import io.prometheus.client.hotspot.ThreadExports;
import java.util.ArrayList;
import java.util.List;

/** flowtun's metrics in a Prometheus registry of their own (not the client library's static default one). */
public final class PrometheusRegistry implements FlowtunMetrics {
    private final CollectorRegistry registry = new CollectorRegistry(true);

    /** With the JVM's own metrics too (heap, GC, threads, CPU: {@code jvm_*} and {@code process_*}). */
    public static PrometheusRegistry withJvmMetrics() {
        final PrometheusRegistry metrics = new PrometheusRegistry();
        List.of(new StandardExports(), new MemoryPoolsExports(), new GarbageCollectorExports(), new ThreadExports())
            .forEach(metrics::register);
        return metrics;
    }

    @Override
    public void register(final Collector collector) {
        registry.register(collector);
    }

    @Override
    public void unregister(final Collector collector) {
        registry.unregister(collector);
    }

    /** The value of one sample, null if there is none: {@code labels} are names and values in turn. */
    public Double sample(final String name, final String... labels) {
        final List<String> names = new ArrayList<>();
        final List<String> values = new ArrayList<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            names.add(labels[i]);
            values.add(labels[i + 1]);
        }
        return registry.getSampleValue(name, names.toArray(new String[0]), values.toArray(new String[0]));
    }

    /** For the endpoint that serves them (no servlet here: the registry is used where no servlet API is). */
    CollectorRegistry collectors() {
        return registry;
    }
}
