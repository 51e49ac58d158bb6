/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.function.Consumer;
import org.opendaylight.mdsal.binding.api.ClusteredDataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataObjectModification;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yangtools.concepts.ListenerRegistration;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * Tells which OpenFlow switches are connected: OpenFlowPlugin writes a switch's node into the operational
 * inventory when it connects (and its flow RPCs are routed to it from then on) and removes it when it goes.
 *
 * <p>A switch that reconnects at once (ovs-vswitchd killed and restarted by its supervisor) is never removed:
 * OpenFlowPlugin removes a node only some time after its connection closed, and not when the switch is back by
 * then. But every new connection writes the whole node afresh (an empty node, then what the switch reports), so a
 * write of a node that was already there is a reconnection, and what the switch held before is lost.
 */
public final class OpenFlowNodeListener implements ClusteredDataTreeChangeListener<Node> {
    private final Consumer<String> connected;
    private final Consumer<String> reconnected;
    private final Consumer<String> disconnected;

    private OpenFlowNodeListener(final Consumer<String> connected, final Consumer<String> reconnected,
            final Consumer<String> disconnected) {
        this.connected = requireNonNull(connected);
        this.reconnected = requireNonNull(reconnected);
        this.disconnected = requireNonNull(disconnected);
    }

    /**
     * Starts listening: first told the switches connected now (MD-SAL replays the inventory), then every change.
     *
     * @param connected told a switch's OpenFlow node id when it connects
     * @param reconnected told when a switch that was connected connects again (its flow table may be empty)
     * @param disconnected told when OpenFlowPlugin removes a switch
     * @return close it to stop
     */
    public static ListenerRegistration<?> register(final DataBroker dataBroker, final Consumer<String> connected,
            final Consumer<String> reconnected, final Consumer<String> disconnected) {
        return dataBroker.registerDataTreeChangeListener(DataTreeIdentifier.create(LogicalDatastoreType.OPERATIONAL,
            InstanceIdentifier.create(Nodes.class).child(Node.class)),
            new OpenFlowNodeListener(connected, reconnected, disconnected));
    }

    @Override
    public void onDataTreeChanged(final Collection<DataTreeModification<Node>> changes) {
        for (DataTreeModification<Node> change : changes) {
            final DataObjectModification<Node> node = change.getRootNode();
            final String nodeId = change.getRootPath().getRootIdentifier().firstKeyOf(Node.class).getId().getValue();
            switch (node.getModificationType()) {
                case DELETE:
                    disconnected.accept(nodeId);
                    break;
                case WRITE:
                    if (node.getDataBefore() == null) {
                        connected.accept(nodeId);
                    } else {
                        reconnected.accept(nodeId);
                    }
                    break;
                case SUBTREE_MODIFIED:
                    if (node.getDataBefore() == null) {
                        connected.accept(nodeId);
                    }
                    break;
                default:
                    break;
            }
        }
    }

    /** The OpenFlow node id of a bridge's datapath id as OVS reports it ({@code 00:00:00:00:00:00:00:01}). */
    public static String openflowNodeId(final String datapathId) {
        return "openflow:" + Long.toUnsignedString(Long.parseUnsignedLong(datapathId.replace(":", ""), 16));
    }
}
