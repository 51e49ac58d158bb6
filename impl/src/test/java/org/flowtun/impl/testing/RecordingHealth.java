/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.testing;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.flowtun.impl.health.HealthReport;

/** A health report that records what it is told, as "STATE description" lines: diagstatus for tests. */
public final class RecordingHealth implements HealthReport {
    private final List<String> reports;

    /** Records into {@code reports} (a list the test reads; thread-safe if the reporter's threads need it). */
    public RecordingHealth(final List<String> reports) {
        this.reports = requireNonNull(reports);
    }

    @Override
    public void operational(final String description) {
        reports.add("OPERATIONAL " + description);
    }

    @Override
    public void error(final String reason) {
        reports.add("ERROR " + reason);
    }
}
