/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.yangtools.concepts.ListenerRegistration;
import org.opendaylight.yangtools.concepts.Registration;

/** The member-wide {@link OpenFlowConnections}, fed by one {@link OpenFlowNodeListener} from this member's start. */
public final class OpenFlowConnectionCache implements OpenFlowConnections, AutoCloseable {
    private final DataBroker dataBroker;
    private final Set<String> connected = new LinkedHashSet<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private ListenerRegistration<?> registration;

    public OpenFlowConnectionCache(final DataBroker dataBroker) {
        this.dataBroker = requireNonNull(dataBroker);
    }

    /** Starts listening to OpenFlowPlugin's inventory. */
    public void init() {
        registration = OpenFlowNodeListener.register(dataBroker, this::connected, this::reconnected,
            this::disconnected);
    }

    @Override
    public synchronized Registration register(final Listener listener) {
        requireNonNull(listener);
        connected.forEach(listener::connected);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    synchronized void connected(final String openflowNodeId) {
        connected.add(openflowNodeId);
        listeners.forEach(listener -> listener.connected(openflowNodeId));
    }

    synchronized void reconnected(final String openflowNodeId) {
        connected.add(openflowNodeId);
        listeners.forEach(listener -> listener.reconnected(openflowNodeId));
    }

    synchronized void disconnected(final String openflowNodeId) {
        connected.remove(openflowNodeId);
        listeners.forEach(listener -> listener.disconnected(openflowNodeId));
    }

    @Override
    public void close() {
        if (registration != null) {
            registration.close();
        }
    }
}
