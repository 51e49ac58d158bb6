/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.GaugeMetricFamily;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Test;

/** Metrics read on the thread that owns the state, and what a scrape gets when that thread is busy. */
public class ConfinedCollectorTest {
    private final ExecutorService owner = Executors.newSingleThreadExecutor();
    private final PrometheusRegistry metrics = new PrometheusRegistry();
    private final AtomicInteger value = new AtomicInteger();

    @After
    public void tearDown() {
        owner.shutdownNow();
    }

    @Test
    public void aScrapeReadsTheStateOnItsThreadAndGetsThePreviousSamplesWhileThatThreadIsBusy() throws Exception {
        assertNull("nothing registered yet", metrics.sample("flowtun_test_value"));
        metrics.register(new ConfinedCollector(owner, this::samples));
        value.set(7);
        assertEquals(7, metrics.sample("flowtun_test_value"), 0);

        final CountDownLatch release = new CountDownLatch(1);
        owner.execute(() -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        value.set(8);
        assertEquals("the thread is busy: the previous samples", 7, metrics.sample("flowtun_test_value"), 0);
        release.countDown();
        assertEquals(8, metrics.sample("flowtun_test_value"), 0);
    }

    private List<MetricFamilySamples> samples() {
        return List.of(new GaugeMetricFamily("flowtun_test_value", "a value owned by one thread", value.get()));
    }
}
