/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.ovsdb;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import org.opendaylight.mdsal.binding.api.ClusteredDataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataObjectModification;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.Node;
import org.opendaylight.yangtools.concepts.ListenerRegistration;

/**
 * Translates the OVSDB southbound's operational topology into {@link SwitchStateStore} updates. No logic
 * beyond the translation.
 */
public final class OvsdbTopologyListener implements ClusteredDataTreeChangeListener<Node>, AutoCloseable {
    private final SwitchStateStore cache;
    private final ListenerRegistration<?> registration;

    public OvsdbTopologyListener(final DataBroker dataBroker, final SwitchStateStore cache) {
        this.cache = requireNonNull(cache);
        this.registration = dataBroker.registerDataTreeChangeListener(
            DataTreeIdentifier.create(LogicalDatastoreType.OPERATIONAL, OvsdbTopology.NODES), this);
    }

    @Override
    public void onDataTreeChanged(final Collection<DataTreeModification<Node>> changes) {
        for (DataTreeModification<Node> change : changes) {
            final DataObjectModification<Node> root = change.getRootNode();
            final Node after = root.getDataAfter();
            if (after == null) {
                final Node before = root.getDataBefore();
                if (before != null) {
                    cache.remove(before.getNodeId().getValue());
                }
                continue;
            }
            OvsdbTopology.toSwitch(after).ifPresent(cache::updateSwitch);
            OvsdbTopology.toBridge(after).ifPresent(cache::updateBridge);
        }
    }

    @Override
    public void close() {
        registration.close();
    }
}
