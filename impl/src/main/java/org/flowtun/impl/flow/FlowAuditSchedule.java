/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.flowtun.impl.config.FlowtunConfig;

/**
 * Runs the reconciler's periodic checks at the configured intervals ({@code flow-audit-interval}: count every
 * switch's flowtun flows; {@code flow-refresh-interval}: send every switch its wanted flows again), on the
 * reconciler's own executor, and follows configuration changes.
 */
public final class FlowAuditSchedule implements Consumer<FlowtunConfig>, AutoCloseable {
    private final ScheduledExecutorService executor;
    private final FlowReconciler<?> reconciler;
    private int auditSeconds = -1;
    private int refreshSeconds = -1;
    private ScheduledFuture<?> audit;
    private ScheduledFuture<?> refresh;

    public FlowAuditSchedule(final ScheduledExecutorService executor, final FlowReconciler<?> reconciler) {
        this.executor = requireNonNull(executor);
        this.reconciler = requireNonNull(reconciler);
    }

    @Override
    public void accept(final FlowtunConfig config) {
        executor.execute(() -> apply(config.flowAuditSeconds(), config.flowRefreshSeconds()));
    }

    private void apply(final int newAuditSeconds, final int newRefreshSeconds) {
        if (newAuditSeconds != auditSeconds) {
            auditSeconds = newAuditSeconds;
            audit = reschedule(audit, newAuditSeconds, reconciler::auditAll);
        }
        if (newRefreshSeconds != refreshSeconds) {
            refreshSeconds = newRefreshSeconds;
            refresh = reschedule(refresh, newRefreshSeconds, reconciler::refreshAll);
        }
    }

    private ScheduledFuture<?> reschedule(final ScheduledFuture<?> current, final int seconds, final Runnable task) {
        if (current != null) {
            current.cancel(false);
        }
        return seconds == 0 ? null : executor.scheduleWithFixedDelay(task, seconds, seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        executor.execute(() -> {
            audit = reschedule(audit, 0, null);
            refresh = reschedule(refresh, 0, null);
        });
    }
}
