/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.api;

import java.util.Collection;
import java.util.Optional;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * The virtual tunnel ports of every connected node, with their OpenFlow port numbers as the OVSDB monitor
 * reports them (OSGi service of the tunnel manager). Reads come from memory and never block.
 */
public interface TunnelPortService {
    /** The tunnel port of {@code type} on node {@code nodeId}, if the node has one. */
    Optional<TunnelPort> tunnelPort(String nodeId, String type);

    /** Every known tunnel port. */
    Collection<TunnelPort> tunnelPorts();

    /** Registers a listener told of every later change; it is first told of every current port. */
    Registration registerListener(TunnelPortListener listener);
}
