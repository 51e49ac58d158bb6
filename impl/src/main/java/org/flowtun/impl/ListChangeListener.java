/*
 * Copyright (c) 2026 flowtun authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.flowtun.impl;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.function.BiConsumer;
import org.opendaylight.mdsal.binding.api.ClusteredDataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataObjectModification;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.concepts.ListenerRegistration;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * A thin data-tree listener on the entries of one configuration list: each change is handed on as
 * (before, after): (null, e) created, (b, a) updated, (b, null) deleted. No logic here. Like every source of the
 * locality service it is registered outside a constructor ({@link #register}), is first told the entries that exist
 * (MD-SAL replays them), then every change.
 */
public final class ListChangeListener<T extends DataObject> implements ClusteredDataTreeChangeListener<T> {
    private final BiConsumer<T, T> consumer;

    private ListChangeListener(final BiConsumer<T, T> consumer) {
        this.consumer = requireNonNull(consumer);
    }

    /** Starts handing the list's changes to {@code consumer}; close the registration to stop. */
    public static <T extends DataObject> ListenerRegistration<?> register(final DataBroker dataBroker,
            final InstanceIdentifier<T> entries, final BiConsumer<T, T> consumer) {
        return dataBroker.registerDataTreeChangeListener(
            DataTreeIdentifier.create(LogicalDatastoreType.CONFIGURATION, entries),
            new ListChangeListener<>(consumer));
    }

    @Override
    public void onDataTreeChanged(final Collection<DataTreeModification<T>> changes) {
        for (DataTreeModification<T> change : changes) {
            final DataObjectModification<T> root = change.getRootNode();
            consumer.accept(root.getDataBefore(), root.getDataAfter());
        }
    }
}
