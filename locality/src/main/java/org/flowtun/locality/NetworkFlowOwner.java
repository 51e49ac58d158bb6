/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import static java.util.Objects.requireNonNull;

/** The owner of a network's flows on a node (its tunnel ingress and flooding), shown as {@code network:<id>}. */
final class NetworkFlowOwner implements LocalityFlowOwner {
    private final String networkId;

    NetworkFlowOwner(final String networkId) {
        this.networkId = requireNonNull(networkId);
    }

    @Override
    public void flowsInstalled(final String node, final Announcer announcer) {
        // a network's flows announce nothing
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof NetworkFlowOwner && networkId.equals(((NetworkFlowOwner) obj).networkId);
    }

    @Override
    public int hashCode() {
        return networkId.hashCode();
    }

    @Override
    public String toString() {
        return "network:" + networkId;
    }
}
