/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.metrics;

import static java.util.Objects.requireNonNull;

import io.prometheus.client.Collector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metrics read from state confined to one thread: each scrape runs {@code samples} on that thread and waits for
 * it (the scrape's thread waits, never the service's). A thread busy longer than {@link #WAIT_SECONDS} (a large
 * batch) answers the scrape with the previous samples.
 */
public final class ConfinedCollector extends Collector {
    static final long WAIT_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(ConfinedCollector.class);

    private final Executor confinement;
    private final Supplier<List<MetricFamilySamples>> samples;
    private volatile List<MetricFamilySamples> last = List.of();

    public ConfinedCollector(final Executor confinement, final Supplier<List<MetricFamilySamples>> samples) {
        this.confinement = requireNonNull(confinement);
        this.samples = requireNonNull(samples);
    }

    @Override
    public List<MetricFamilySamples> collect() {
        final FutureTask<List<MetricFamilySamples>> task = new FutureTask<>(samples::get);
        try {
            confinement.execute(task);
            last = task.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.debug("metrics: the service's thread is busy; answering with the previous samples");
        } catch (ExecutionException | RejectedExecutionException e) {
            LOG.debug("metrics: could not collect", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ArrayList<>(last);
    }
}
