/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.FlowAdded;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.FlowRemoved;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.FlowUpdated;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.NodeErrorNotification;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.NodeExperimenterErrorNotification;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.SalFlowListener;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.SwitchFlowRemoved;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;

/**
 * Hears the switches' flow-removed messages (OpenFlowPlugin publishes them as notifications) and tells, on the
 * given executor, which switch lost a flowtun flow. A burst of removals from one switch (a replacement deletes
 * every flowtun flow) becomes one call per switch, not one task per message.
 */
public final class FlowRemovedListener implements SalFlowListener {
    private final Executor executor;
    private final Consumer<String> flowtunFlowRemoved;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    /**
     * Creates a listener.
     *
     * @param executor where {@code flowtunFlowRemoved} runs
     * @param flowtunFlowRemoved told the OpenFlow node id of a switch that lost flowtun flows
     */
    public FlowRemovedListener(final Executor executor, final Consumer<String> flowtunFlowRemoved) {
        this.executor = requireNonNull(executor);
        this.flowtunFlowRemoved = requireNonNull(flowtunFlowRemoved);
    }

    @Override
    public void onFlowRemoved(final FlowRemoved notification) {
        if (notification.getCookie() == null || notification.getNode() == null
                || !Pipeline.isFlowtunCookie(notification.getCookie().getValue().longValue())) {
            return;
        }
        final NodeKey key = notification.getNode().getValue().firstKeyOf(Node.class);
        if (key == null) {
            return;
        }
        final String openflowNodeId = key.getId().getValue();
        if (pending.add(openflowNodeId)) {
            executor.execute(() -> {
                pending.remove(openflowNodeId);
                flowtunFlowRemoved.accept(openflowNodeId);
            });
        }
    }

    @Override
    public void onSwitchFlowRemoved(final SwitchFlowRemoved notification) {
        // OpenFlowPlugin 0.11 publishes flow-removed messages as FlowRemoved
    }

    @Override
    public void onFlowAdded(final FlowAdded notification) {
        // not of interest
    }

    @Override
    public void onFlowUpdated(final FlowUpdated notification) {
        // not of interest
    }

    @Override
    public void onNodeErrorNotification(final NodeErrorNotification notification) {
        // a refused flow-mod fails its RPC, which the reconciler handles
    }

    @Override
    public void onNodeExperimenterErrorNotification(final NodeExperimenterErrorNotification notification) {
        // as above
    }
}
