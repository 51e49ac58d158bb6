/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.locality;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flowtun.api.TunnelPort;
import org.flowtun.api.TunnelPortListener;
import org.flowtun.api.TunnelPortService;
import org.opendaylight.yangtools.concepts.Registration;

/** Tunnel ports as the tunnel manager would report them. */
final class HarnessTunnelPorts implements TunnelPortService {
    private final Map<String, TunnelPort> ports = new HashMap<>();
    private final List<TunnelPortListener> listeners = new CopyOnWriteArrayList<>();

    synchronized void update(final TunnelPort port) {
        final TunnelPort previous = ports.put(port.nodeId() + "/" + port.type(), port);
        listeners.forEach(listener -> listener.onTunnelPortChanged(previous, port));
    }

    @Override
    public synchronized Optional<TunnelPort> tunnelPort(final String nodeId, final String type) {
        return Optional.ofNullable(ports.get(nodeId + "/" + type));
    }

    @Override
    public synchronized Collection<TunnelPort> tunnelPorts() {
        return List.copyOf(ports.values());
    }

    @Override
    public synchronized Registration registerListener(final TunnelPortListener listener) {
        ports.values().forEach(port -> listener.onTunnelPortChanged(null, port));
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
