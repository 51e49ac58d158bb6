/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.api;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.flowtun.state.rev261122.LocalityEvent;

/**
 * One locality event: on node {@code nodeId}, lport {@code lportId} became (or stopped being) local,
 * remote or distributed.
 */
public final class LocalityChange {
    private final String nodeId;
    private final String lportId;
    private final LocalityEvent event;

    public LocalityChange(final String nodeId, final String lportId, final LocalityEvent event) {
        this.nodeId = requireNonNull(nodeId);
        this.lportId = requireNonNull(lportId);
        this.event = requireNonNull(event);
    }

    public String nodeId() {
        return nodeId;
    }

    public String lportId() {
        return lportId;
    }

    public LocalityEvent event() {
        return event;
    }

    @Override
    public boolean equals(final Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof LocalityChange)) {
            return false;
        }
        final LocalityChange other = (LocalityChange) obj;
        return nodeId.equals(other.nodeId) && lportId.equals(other.lportId) && event == other.event;
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeId, lportId, event);
    }

    @Override
    public String toString() {
        return event.getName() + " " + lportId + " on " + nodeId;
    }
}
