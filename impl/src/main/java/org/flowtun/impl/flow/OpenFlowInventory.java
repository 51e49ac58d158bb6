/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl.flow;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;

/**
 * Asks OpenFlowPlugin's operational inventory which switches are connected, for the switches whose connection
 * {@link OpenFlowNodeListener} has not told. The listener is the source; this is the safety net behind it (in a
 * cluster, a clustered listener registered while the inventory shard was electing a leader was seen to miss the
 * nodes already there). One existence check per switch, nothing read: a follower member forwards it to the shard
 * leader as one small message and the nodes' contents never cross.
 */
public final class OpenFlowInventory {
    private final DataBroker dataBroker;

    public OpenFlowInventory(final DataBroker dataBroker) {
        this.dataBroker = dataBroker;
    }

    /**
     * Which of the given switches are in the inventory now.
     *
     * @param openflowNodeIds OpenFlow node ids ({@code openflow:1})
     * @return those present, once every check answered
     */
    public FluentFuture<Set<String>> connected(final Collection<String> openflowNodeIds) {
        final List<String> ids = List.copyOf(openflowNodeIds);
        final List<FluentFuture<Boolean>> checks = new ArrayList<>(ids.size());
        try (ReadTransaction tx = dataBroker.newReadOnlyTransaction()) {
            for (String id : ids) {
                checks.add(tx.exists(LogicalDatastoreType.OPERATIONAL, OpenFlowInputs.nodePath(id)));
            }
        }
        return FluentFuture.from(Futures.allAsList(checks)).transform(present -> {
            final Set<String> connected = new HashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                if (Boolean.TRUE.equals(present.get(i))) {
                    connected.add(ids.get(i));
                }
            }
            return connected;
        }, MoreExecutors.directExecutor());
    }
}
