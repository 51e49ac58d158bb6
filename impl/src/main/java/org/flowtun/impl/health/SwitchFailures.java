/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.health;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.flowtun.impl.flow.FlowReconciler;

/**
 * The health of flows on the switches: ERROR, naming the switches and why, while a switch's requests have failed
 * {@link #FAILURES_FOR_ERROR} times in a row (each failure is followed by a resynchronisation two seconds later, so
 * one failure alone is a hiccup); OPERATIONAL again once every such switch holds what is wanted, or is gone.
 * Confined to the reconciler's thread.
 */
public final class SwitchFailures implements FlowReconciler.Observer {
    public static final int FAILURES_FOR_ERROR = 3;
    public static final String OPERATIONAL = "flows reconciled; no switch failing";

    private final HealthReport health;
    private final Map<String, String> failing = new TreeMap<>();

    public SwitchFailures(final HealthReport health) {
        this.health = requireNonNull(health);
    }

    /** Reports the first state: nothing failing. */
    public SwitchFailures start() {
        health.operational(OPERATIONAL);
        return this;
    }

    @Override
    public void switchFailing(final String node, final String openflowNodeId, final int failures,
            final String reason) {
        if (failures >= FAILURES_FOR_ERROR) {
            failing.put(node, node + " (" + openflowNodeId + "): " + failures + " failures in a row, last: " + reason);
            report();
        }
    }

    @Override
    public void switchSettled(final String node) {
        if (failing.remove(node) != null) {
            report();
        }
    }

    private void report() {
        if (failing.isEmpty()) {
            health.operational(OPERATIONAL);
        } else {
            health.error(failing.size() + " switch(es) failing: " + failing.values().stream()
                .collect(Collectors.joining("; ")));
        }
    }
}
