/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

package org.flowtun.impl.ovsdb;

import java.util.Collection;
import java.util.Optional;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * The OVS nodes and bridges the OVSDB southbound currently reports, in memory, for every flowtun app (OSGi
 * service). Reads never block.
 */
public interface SwitchStateCache {
    Optional<OvsdbSwitch> ovsdbSwitch(String switchNodeId);

    Collection<OvsdbSwitch> switches();

    Optional<OvsdbBridge> bridge(String switchNodeId, String bridgeName);

    /** Every bridge of the node that OVS reports. */
    Collection<OvsdbBridge> bridges(String switchNodeId);

    /**
     * Registers a listener and replays the current state to it (on the caller's thread) before it sees later
     * changes.
     */
    Registration register(SwitchStateListener listener);
}
