/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import org.opendaylight.yangtools.concepts.Registration;

/**
 * Which OpenFlow switches are connected to the cluster, as this member hears it from OpenFlowPlugin's inventory
 * (member-wide, kept from this member's start: a service that starts later, such as a new term of the locality service
 * on the member taking flowtun's jobs over, knows at once, without waiting for a listener of its own to be
 * registered; in a cluster that waits for the inventory shard to have a leader, seconds after a member's death).
 */
public interface OpenFlowConnections {
    /** Told of connections: first every switch connected now, then each change. Calls come one at a time. */
    interface Listener {
        void connected(String openflowNodeId);

        /** A switch connected again without having been reported gone: what it holds is unknown. */
        void reconnected(String openflowNodeId);

        void disconnected(String openflowNodeId);
    }

    /**
     * Starts telling a listener.
     *
     * @return close it to stop
     */
    Registration register(Listener listener);
}
