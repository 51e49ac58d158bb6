/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

/**
 * The owner of an lport's flows in the flow reconciler, shown as {@code lport:<id>}: one per lport (an object
 * holding the id, not that text), so it stays small.
 */
final class LportFlowOwner implements LocalityFlowOwner {
    private static final String PREFIX = "lport:";

    private final String lportId;

    LportFlowOwner(final String lportId) {
        this.lportId = requireNonNull(lportId);
    }

    String lportId() {
        return lportId;
    }

    @Override
    public void flowsInstalled(final String node, final Announcer announcer) {
        announcer.flowsInstalled(node, lportId);
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof LportFlowOwner && lportId.equals(((LportFlowOwner) obj).lportId);
    }

    @Override
    public int hashCode() {
        return lportId.hashCode();
    }

    @Override
    public String toString() {
        return PREFIX + lportId;
    }
}
